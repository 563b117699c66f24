package dev.vmtrace.trace;

import dev.vmtrace.trace.internal.ChronicleSink;
import dev.vmtrace.trace.internal.ChunkEncoder;
import dev.vmtrace.trace.internal.FileSink;
import dev.vmtrace.trace.internal.FrameSink;
import dev.vmtrace.trace.internal.Frames;
import dev.vmtrace.trace.internal.MetaCodec;
import dev.vmtrace.trace.internal.RegionTable;
import dev.vmtrace.trace.internal.TraceIndex;
import dev.vmtrace.trace.internal.Trailer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a trace: a Chronicle Queue directory ({@link #create}) or the single-file form
 * ({@link #createFile}). Events are encoded into chunks of about {@link #DEFAULT_CHUNK_BYTES}
 * (one Chronicle excerpt each, with a CRC32C); region definitions and snapshots get frames of their
 * own so a reader can seek without decoding chunks. {@link #close()} writes the seek index (where
 * every snapshot, region and chunk frame is) and the trailer that marks the trace complete.
 *
 * <p>Sequence numbers are assigned here: the {@code seq} of an appended event is ignored, and a
 * {@link Dispatch} always belongs to the guest access appended last (its {@code accessSeq} is
 * ignored too). Not thread-safe, and confined to one thread because Chronicle appenders are; for
 * several recording threads use {@link dev.vmtrace.trace.concurrent.ConcurrentRecorder}.
 */
public final class TraceWriter implements AutoCloseable {
    /** Default chunk payload size: several KiB, so Chronicle's per-excerpt cost is amortised. */
    public static final int DEFAULT_CHUNK_BYTES = 8 << 10;

    private final FrameSink sink;
    private final ChunkEncoder enc = new ChunkEncoder();
    private final RegionTable regions = new RegionTable();
    /** Positions as the sink returned them (provisional ones resolved at close). */
    private final TraceIndex index;
    /** More snapshots than an index holds: none is written, readers scan. */
    private boolean indexOverflow;
    private boolean chunkIndexDropped;
    private int chunkBytes = DEFAULT_CHUNK_BYTES;
    private long nextSeq;
    private long chunks;
    private int snapshots;
    private boolean inChunk;
    private boolean closed;
    private GuestAccess pendingAccess;
    private long pendingAccessSeq;
    private Dispatch pendingDispatch;
    private long lastAccessSeq = -1;

    private TraceWriter(FrameSink sink, TraceHeader header) throws IOException {
        this.sink = sink;
        this.index = new TraceIndex(sink.indexForm());
        byte[] h = MetaCodec.encodeHeader(header.withComplete(false));
        sink.write(Frames.HEADER, h, h.length);
    }

    /** A new trace in the Chronicle queue directory {@code dir} (created if needed). */
    public static TraceWriter create(Path dir, TraceHeader header) throws IOException {
        return new TraceWriter(new ChronicleSink(dir, false), header);
    }

    /**
     * Like {@link #create}, but Chronicle opens on a helper thread while events are already being
     * encoded (saves a few hundred ms of start-up for imports). Until it is open, chunks wait in
     * memory and a process kill loses them: use it only for re-runnable work.
     */
    public static TraceWriter createInBackground(Path dir, TraceHeader header) throws IOException {
        return new TraceWriter(new ChronicleSink(dir, true), header);
    }

    /** A new trace in the single-file form at {@code file}. */
    public static TraceWriter createFile(Path file, TraceHeader header) throws IOException {
        return new TraceWriter(new FileSink(file), header);
    }

    /** Sets the chunk payload size target (1 KiB to 1 MiB). */
    public TraceWriter chunkBytes(int bytes) {
        if (bytes < 1024 || bytes > (1 << 20)) {
            throw new IllegalArgumentException("chunk size must be 1 KiB..1 MiB: " + bytes);
        }
        this.chunkBytes = bytes;
        return this;
    }

    /** The sequence number the next event will get. */
    public long nextSeq() {
        return nextSeq + (pendingAccess != null ? 1 : 0) + (pendingDispatch != null ? 1 : 0);
    }

    /** Frame bytes written so far. */
    public long bytesWritten() {
        return sink.bytesWritten();
    }

    /** Appends {@code e}; returns the sequence number it got. */
    public long append(TraceEvent e) throws IOException {
        Objects.requireNonNull(e, "event");
        ensureOpen();
        if (e instanceof Dispatch) {
            Dispatch d = (Dispatch) e;
            if (pendingAccess != null && pendingDispatch == null) {
                pendingDispatch = d;
                return pendingAccessSeq + 1;
            }
            flushPending();
            if (lastAccessSeq < 0) {
                throw new IllegalStateException("a dispatch needs a guest access before it");
            }
            long seq = begin(d.time());
            enc.dispatch(d.time(), seq - lastAccessSeq, d.region(), d.offset(), d.size(), d.value(), d.outcome());
            return finishEvent(seq, 1);
        }
        flushPending();
        if (e instanceof GuestAccess) {
            pendingAccess = (GuestAccess) e;
            pendingAccessSeq = nextSeq;
            return pendingAccessSeq;
        }
        if (e instanceof RegionDefined) {
            return defineRegion((RegionDefined) e);
        }
        if (e instanceof StateSnapshot) {
            StateSnapshot s = (StateSnapshot) e;
            endChunk();
            long seq = nextSeq++;
            byte[] b = MetaCodec.encode(new StateSnapshot(seq, s.time(), s.label(), s.stream()));
            indexOverflow |= !index.snapshots().add(seq, sink.write(Frames.SNAPSHOT, b, b.length));
            snapshots++;
            return seq;
        }
        long seq = begin(e.time());
        if (e instanceof HostEvent) {
            HostEvent h = (HostEvent) e;
            enc.host(h.time(), h.kind(), h.argument());
        } else if (e instanceof QemuTraceEvent) {
            QemuTraceEvent q = (QemuTraceEvent) e;
            enc.qemuTrace(q.time(), q.name(), q.text());
        } else if (e instanceof SmiRaised) {
            SmiRaised s = (SmiRaised) e;
            enc.smi(s.time(), s.vcpu(), s.command());
        } else if (e instanceof GpeEvent) {
            GpeEvent g = (GpeEvent) e;
            enc.gpe(g.time(), g.bit(), g.raised());
        } else if (e instanceof FwCfgFile) {
            FwCfgFile f = (FwCfgFile) e;
            enc.fwCfgFile(f.time(), f.index(), f.name(), f.size());
        } else if (e instanceof CpuSync) {
            CpuSync c = (CpuSync) e;
            enc.cpuSync(c.time(), c.vcpu(), c.kind(), c.register(), c.value());
        } else {
            throw new IllegalArgumentException("unsupported event " + e.getClass());
        }
        return finishEvent(seq, 1);
    }

    /**
     * Fast path for the common case: a guest access delivered whole to {@code region} (defined
     * before), i.e. a {@link GuestAccess} followed by one {@link Dispatch} with outcome
     * {@link DispatchOutcome#DELIVERED} at {@code address - base}. Returns the access's seq (the
     * dispatch gets the next one).
     */
    public long access(long time, int vcpu, Space space, Direction dir, long address, int size, long value,
                       boolean inferred, int region, long dispatchValue) throws IOException {
        if (pendingAccess != null) {
            flushPending();
        }
        if (closed) {
            ensureOpen();
        }
        long seq = begin(time);
        enc.access(time, vcpu, space, dir, address, size, value, inferred, region, true, dispatchValue);
        lastAccessSeq = seq;
        return finishEvent(seq, 2);
    }

    private long defineRegion(RegionDefined r) throws IOException {
        if (regions.get(r.id()) != null) {
            throw new IllegalArgumentException("region id " + r.id() + " defined twice");
        }
        if (r.id() > dev.vmtrace.trace.internal.ChunkCodec.MAX_REGION_ID) {
            throw new IllegalArgumentException("region id above the cap: " + r.id());
        }
        endChunk();
        long seq = nextSeq++;
        RegionDefined stored = new RegionDefined(seq, r.time(), r.id(), r.name(), r.space(), r.base(), r.size(),
                r.rules(), r.hostTag());
        byte[] b = MetaCodec.encode(stored);
        index.regions().add(seq, sink.write(Frames.REGION, b, b.length));
        regions.put(stored);
        return seq;
    }

    private void flushPending() throws IOException {
        if (pendingAccess == null) {
            return;
        }
        GuestAccess a = pendingAccess;
        Dispatch d = pendingDispatch;
        pendingAccess = null;
        pendingDispatch = null;
        RegionDefined r = d == null ? null : regions.get(d.region());
        long seq = begin(a.time());
        lastAccessSeq = seq;
        if (d != null && r != null && d.outcome() == DispatchOutcome.DELIVERED && d.size() == a.size()
                && d.time() == a.time() && d.offset() == a.address() - r.base()) {
            enc.access(a.time(), a.vcpu(), a.space(), a.direction(), a.address(), a.size(), a.value(),
                    a.inferred(), d.region(), true, d.value());
            finishEvent(seq, 2);
            return;
        }
        enc.access(a.time(), a.vcpu(), a.space(), a.direction(), a.address(), a.size(), a.value(),
                a.inferred(), 0, false, 0);
        finishEvent(seq, 1);
        if (d != null) {
            long ds = begin(d.time());
            enc.dispatch(d.time(), ds - seq, d.region(), d.offset(), d.size(), d.value(), d.outcome());
            finishEvent(ds, 1);
        }
    }

    private long begin(long time) {
        if (!inChunk) {
            enc.begin(nextSeq, time);
            inChunk = true;
        }
        return nextSeq;
    }

    private long finishEvent(long seq, int events) throws IOException {
        nextSeq = seq + events;
        if (enc.size() >= chunkBytes) {
            endChunk();
        }
        return seq;
    }

    private void endChunk() throws IOException {
        if (!inChunk) {
            return;
        }
        enc.finish();
        long first = enc.firstSeq();
        long at = sink.write(Frames.CHUNK, enc.buffer(), enc.size());
        if (!chunkIndexDropped && !index.chunks().add(first, at)) {
            // Past the cap the chunk list is left out (seek to a seq then scans); snapshots stay indexed.
            index.chunks().clear();
            chunkIndexDropped = true;
        }
        inChunk = false;
        chunks++;
    }

    /** Ends the current chunk, making everything appended so far durable against a process kill. */
    public void flush() throws IOException {
        ensureOpen();
        flushPending();
        endChunk();
        sink.sync();
    }

    /** Writes what is pending and the trailer (the trace becomes complete), then closes. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flushPending();
        endChunk();
        if (!indexOverflow) {
            TraceIndex resolved;
            try {
                resolved = index.resolved(this::resolve);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            byte[] x = MetaCodec.encodeIndex(resolved);
            sink.write(Frames.INDEX, x, x.length);
        }
        byte[] t = MetaCodec.encode(new Trailer(nextSeq, chunks, regions.all().size(), snapshots));
        sink.write(Frames.TRAILER, t, t.length);
        closed = true;
        sink.close();
    }

    private long resolve(long position) {
        try {
            return sink.resolve(position);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("trace writer is closed");
        }
    }
}
