package dev.vmtrace.trace;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.internal.ChronicleSource;
import dev.vmtrace.trace.internal.ChronicleStore;
import dev.vmtrace.trace.internal.ChunkDecoder;
import dev.vmtrace.trace.internal.FileSource;
import dev.vmtrace.trace.internal.Frame;
import dev.vmtrace.trace.internal.FrameSource;
import dev.vmtrace.trace.internal.Frames;
import dev.vmtrace.trace.internal.IndexSeeker;
import dev.vmtrace.trace.internal.MetaCodec;
import dev.vmtrace.trace.internal.RegionTable;
import dev.vmtrace.trace.internal.Trailer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Pull reader of a trace (a Chronicle queue directory or a single file), shaped like
 * {@code jdk.jfr.consumer.RecordingFile}: {@link #hasNext()} / {@link #next()}.
 *
 * <p>Damage: a frame that fails its CRC or structure check makes {@code hasNext} throw a
 * {@link BadInputException} with the frame's location. The reader is then positioned after that
 * frame, so calling {@code hasNext} again skips to the next good chunk; with
 * {@link #skipDamage(boolean) skipDamage(true)} it does so on its own. Either way the damage is
 * listed in {@link #status()}. A trace cut short (killed recorder) reads up to its last complete
 * chunk and reports {@code complete == false}.
 */
public final class TraceReader implements AutoCloseable {
    private final FrameSource source;
    private final TraceHeader header;
    private final Map<Integer, String> typeTable = new HashMap<>();
    private final RegionTable regions = new RegionTable();
    private final ChunkDecoder decoder = new ChunkDecoder();
    private final Trailer trailer;
    private final long trailerLocation;
    /** Loaded on the first seek: most readers never seek. */
    private IndexSeeker seeker;
    private final List<Damage> damage = new ArrayList<>();
    private boolean skipDamage;
    private boolean inChunk;
    private TraceEvent next;
    private long expectedSeq;
    private long skipBelow;
    private long eventsRead;
    private long chunksRead;
    private long eventsLost;
    private long frameBytes;
    private boolean ended;

    private TraceReader(FrameSource source) throws BadInputException {
        this.source = source;
        Frame first;
        try {
            first = source.next();
        } catch (BadInputException e) {
            source.close();
            throw e;
        }
        if (first == null || first.kind() != Frames.HEADER) {
            source.close();
            throw BadInputException.atOffset(source.name(), 0, "trace does not start with a header frame");
        }
        frameBytes += first.length() + Frames.OVERHEAD;
        TraceHeader h = MetaCodec.decodeHeader(first, source.name(), typeTable);
        Frame t = source.trailer();
        Trailer tr = null;
        this.trailerLocation = t == null ? -1 : t.location();
        if (t != null) {
            try {
                tr = MetaCodec.decode(t, Trailer.class, source.name());
            } catch (BadInputException e) {
                tr = null;
            }
        }
        this.trailer = tr;
        this.header = h.withComplete(tr != null);
    }

    /**
     * Opens the trace at {@code path}: a Chronicle queue directory, or a single-file trace.
     */
    public static TraceReader open(Path path) throws BadInputException {
        if (Files.isDirectory(path)) {
            if (!ChronicleStore.isQueueDir(path)) {
                throw BadInputException.unreadable(path.toString(), "directory is not a vmtrace trace (no .cq4 files)", null);
            }
            return new TraceReader(new ChronicleSource(path));
        }
        if (!Files.isRegularFile(path)) {
            throw BadInputException.unreadable(path.toString(), "no such trace", null);
        }
        return new TraceReader(new FileSource(path));
    }

    /** The header; {@code complete()} is true only when the trace was closed cleanly. */
    public TraceHeader header() {
        return header;
    }

    /** The event-type table stored in the trace: wire id to type name. */
    public Map<Integer, String> typeTable() {
        return Collections.unmodifiableMap(typeTable);
    }

    /** Regions defined so far in reading order. */
    public List<RegionDefined> regions() {
        return regions.all();
    }

    /** The region with {@code id}, or null if not (yet) read. */
    public RegionDefined region(int id) {
        return regions.get(id);
    }

    /** When true, damaged frames are recorded in {@link #status()} and skipped silently. */
    public TraceReader skipDamage(boolean value) {
        this.skipDamage = value;
        return this;
    }

    /** Whether another event follows. */
    public boolean hasNext() throws BadInputException {
        while (next == null) {
            if (!advance()) {
                return false;
            }
        }
        return true;
    }

    /** The next event. */
    public TraceEvent next() throws BadInputException {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events");
        }
        TraceEvent e = next;
        next = null;
        eventsRead++;
        return e;
    }

    /**
     * Positions the reader so that the next event is the first with {@code seq >= seq}. A complete
     * trace jumps there through its index; otherwise (or if the index is damaged) the reader scans
     * frame headers from the start. Either way it lands on the same event.
     */
    public void seek(long seq) throws BadInputException {
        if (seq > 0 && seeker().chunksIndexed()) {
            long start = seeker.toSeq(seq, regions);
            if (start >= 0) {
                positioned(start, seq);
                return;
            }
        }
        rewindTo(seq);
    }

    /**
     * Positions the reader at snapshot {@code index} (0-based, in trace order); the next event is
     * that {@link StateSnapshot}. Returns false (position unchanged at the end) if there is none.
     * Uses the index like {@link #seek(long)}.
     */
    public boolean seekToSnapshot(int index) throws BadInputException {
        IndexSeeker ix = seeker();
        if (ix.usable()) {
            if (index < 0 || index >= ix.snapshotCount()) {
                seek(Long.MAX_VALUE);
                return false;
            }
            long s = ix.toSnapshot(index, regions);
            if (s >= 0) {
                positioned(s, s);
                return true;
            }
        }
        return scanToSnapshot(index);
    }

    /** Whether seeks use the trace's index, and if not, why. */
    public IndexStatus indexStatus() {
        IndexSeeker ix = seeker();
        return new IndexStatus(ix.usable(), ix.snapshotCount(), ix.chunksIndexed(), ix.problem());
    }

    private IndexSeeker seeker() {
        if (seeker == null) {
            seeker = IndexSeeker.load(source, trailerLocation, trailer);
        }
        return seeker;
    }

    /** The source stands before a frame that starts at {@code frameStart}; deliver from {@code skip}. */
    private void positioned(long frameStart, long skip) {
        inChunk = false;
        next = null;
        ended = false;
        expectedSeq = frameStart;
        skipBelow = skip;
    }

    private void rewindTo(long seq) throws BadInputException {
        source.rewind();
        source.next(); // the header, already read
        regions.clear();
        positioned(0, seq);
    }

    /** Snapshot {@code index} found by reading frame headers from the start (no usable index). */
    private boolean scanToSnapshot(int index) throws BadInputException {
        source.rewind();
        source.next();
        int n = 0;
        Frame f;
        while (true) {
            try {
                f = source.next();
            } catch (BadInputException e) {
                continue;
            }
            if (f == null) {
                break;
            }
            if (f.kind() == Frames.SNAPSHOT) {
                if (n++ == index) {
                    StateSnapshot s = MetaCodec.decode(f, StateSnapshot.class, source.name());
                    seek(s.seq());
                    return true;
                }
            }
        }
        seek(Long.MAX_VALUE);
        return false;
    }

    /** What was read so far; after the last event, the final account. */
    public TraceStatus status() {
        return new TraceStatus(header.complete(), trailer == null ? -1 : trailer.eventCount(), eventsRead,
                chunksRead, eventsLost, decoder.skippedUnknown(), damage, frameBytes, source.locationUnit());
    }

    /** One step: false at the end. Sets {@link #next} when an event is ready. */
    private boolean advance() throws BadInputException {
        if (inChunk) {
            try {
                while (decoder.hasNext()) {
                    TraceEvent e = decoder.next();
                    if (e.seq() >= skipBelow) {
                        next = e;
                        return true;
                    }
                }
                expectedSeq = decoder.nextSeq();
                inChunk = false;
            } catch (BadInputException e) {
                inChunk = false;
                expectedSeq = decoder.nextSeq();
                return damaged(e);
            }
        }
        if (ended) {
            return false;
        }
        Frame f;
        try {
            f = source.next();
        } catch (BadInputException e) {
            return damaged(e);
        }
        if (f == null) {
            ended = true;
            // Chunks lost at the very end show up only against the trailer's count.
            if (trailer != null && expectedSeq < trailer.eventCount() && skipBelow == 0) {
                eventsLost += trailer.eventCount() - expectedSeq;
            }
            return false;
        }
        frameBytes += f.length() + Frames.OVERHEAD;
        int kind = f.kind();
        if (kind == Frames.CHUNK) {
            long first = ChunkDecoder.firstSeq(f.payload(), f.length());
            int count = ChunkDecoder.count(f.payload(), f.length());
            if (!checkSeq(first, f)) {
                return true;
            }
            if (first + count <= skipBelow && count >= 0) {
                expectedSeq = first + count;
                return true;
            }
            try {
                decoder.reset(f.payload(), f.length(), source.name(), f.location(), regions);
            } catch (BadInputException e) {
                return damaged(e);
            }
            chunksRead++;
            inChunk = true;
            return true;
        }
        if (kind == Frames.REGION) {
            RegionDefined r;
            try {
                r = MetaCodec.decode(f, RegionDefined.class, source.name());
            } catch (BadInputException e) {
                return damaged(e);
            }
            if (checkSeq(r.seq(), f)) {
                regions.put(r);
                expectedSeq = r.seq() + 1;
                if (r.seq() >= skipBelow) {
                    next = r;
                }
            }
            return true;
        }
        if (kind == Frames.SNAPSHOT) {
            StateSnapshot s;
            try {
                s = MetaCodec.decode(f, StateSnapshot.class, source.name());
            } catch (BadInputException e) {
                return damaged(e);
            }
            if (checkSeq(s.seq(), f)) {
                expectedSeq = s.seq() + 1;
                if (s.seq() >= skipBelow) {
                    next = s;
                }
            }
            return true;
        }
        if (kind == Frames.TRAILER || kind == Frames.INDEX) {
            return true;
        }
        if (kind == Frames.HEADER) {
            return damaged(BadInputException.atOffset(source.name(), f.location(), "second header frame"));
        }
        // A frame kind from a newer format: skip it, as the format promises.
        return true;
    }

    /** Accounts for a sequence gap (lost chunks); false if the frame goes backwards (bad input). */
    private boolean checkSeq(long first, Frame f) throws BadInputException {
        if (first > expectedSeq) {
            eventsLost += first - expectedSeq;
            expectedSeq = first;
        } else if (first < expectedSeq) {
            damaged(BadInputException.atOffset(source.name(), f.location(), Frames.kindName(f.kind())
                    + " frame starts at seq " + first + ", before seq " + expectedSeq + " already read"));
            return false;
        }
        return true;
    }

    private boolean damaged(BadInputException e) throws BadInputException {
        damage.add(new Damage(e.offset(), e.problem()));
        if (!skipDamage) {
            throw e;
        }
        return true;
    }

    @Override
    public void close() {
        source.close();
    }
}
