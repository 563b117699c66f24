package dev.vmtrace.trace.concurrent;

import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records from N vCPU threads at once into one trace. Chronicle appenders are confined to one
 * thread, so each vCPU thread records into its own {@link VcpuRecorder} buffer and one merger
 * thread (which owns the {@link TraceWriter}) interleaves the batches in the order
 * (virtual time, vCPU index, per-vCPU order). An event is written only once every other live
 * vCPU has promised (by a later event, {@link VcpuRecorder#advance}, or closing) that it has
 * nothing earlier, so the merged order depends on the virtual clock alone, never on thread
 * timing. Each vCPU has a bounded queue: a producer far ahead of the others waits.
 */
public final class ConcurrentRecorder implements AutoCloseable {
    private static final int QUEUE_BATCHES = 8;

    private final int vcpus;
    private final VcpuRecorder[] recorders;
    private final ArrayBlockingQueue<Batch>[] queues;
    private final ConcurrentLinkedQueue<Batch> free = new ConcurrentLinkedQueue<>();
    private final Object signal = new Object();
    private final Thread merger;
    private volatile Throwable failure;
    private volatile long written;

    @SuppressWarnings("unchecked")
    private ConcurrentRecorder(Path dir, TraceHeader header, int vcpus) {
        this.vcpus = vcpus;
        this.recorders = new VcpuRecorder[vcpus + 1];
        this.queues = new ArrayBlockingQueue[vcpus + 1];
        for (int i = 0; i <= vcpus; i++) {
            queues[i] = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        }
        for (int i = 0; i <= vcpus; i++) {
            recorders[i] = new VcpuRecorder(this, i - 1);
        }
        merger = new Thread(() -> merge(dir, header), "vmtrace-merger");
        merger.start();
    }

    /** A recorder for {@code vcpus} vCPU threads (plus the host handle) writing the trace at {@code dir}. */
    public static ConcurrentRecorder create(Path dir, TraceHeader header, int vcpus) {
        if (vcpus < 1 || vcpus > 1024) {
            throw new IllegalArgumentException("vCPU count must be 1..1024: " + vcpus);
        }
        return new ConcurrentRecorder(dir, header, vcpus);
    }

    /** The handle of vCPU {@code index}; give it to exactly one thread. */
    public VcpuRecorder vcpu(int index) {
        return recorders[index + 1];
    }

    /** The handle for host events (hotplug, reset, regions, snapshots): ordered before vCPUs at equal times. */
    public VcpuRecorder host() {
        return recorders[0];
    }

    /** Events written so far by the merger. */
    public long written() {
        return written;
    }

    Batch freshBatch() {
        Batch b = free.poll();
        if (b == null) {
            b = new Batch();
        }
        b.count = 0;
        b.last = false;
        return b;
    }

    void publish(int index, Batch b) {
        try {
            while (!queues[index + 1].offer(b, 10, TimeUnit.MILLISECONDS)) {
                if (failure != null) {
                    throw new IllegalStateException("trace merger failed", failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording", e);
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void merge(Path dir, TraceHeader header) {
        int n = vcpus + 1;
        Batch[] cur = new Batch[n];
        int[] pos = new int[n];
        long[] frontier = new long[n];
        boolean[] done = new boolean[n];
        java.util.Arrays.fill(frontier, Long.MIN_VALUE);
        try (TraceWriter w = TraceWriter.create(dir, header)) {
            int live = n;
            while (live > 0) {
                // Refill: take the next batch of every stream whose current batch is used up.
                for (int i = 0; i < n; i++) {
                    while (!done[i] && (cur[i] == null || pos[i] >= cur[i].count)) {
                        if (cur[i] != null) {
                            if (cur[i].last) {
                                done[i] = true;
                                live--;
                                recycle(cur[i]);
                                cur[i] = null;
                                break;
                            }
                            recycle(cur[i]);
                            cur[i] = null;
                        }
                        Batch b = queues[i].poll();
                        if (b == null) {
                            break;
                        }
                        cur[i] = b;
                        pos[i] = 0;
                        frontier[i] = b.frontier;
                    }
                }
                // Candidate: the smallest (time, index) among streams holding an event.
                int best = -1;
                for (int i = 0; i < n; i++) {
                    if (cur[i] != null && pos[i] < cur[i].count
                            && (best < 0 || cur[i].time[pos[i]] < cur[best].time[pos[best]])) {
                        best = i;
                    }
                }
                boolean safe = best >= 0;
                if (safe) {
                    long t = cur[best].time[pos[best]];
                    for (int i = 0; i < n && safe; i++) {
                        boolean empty = !done[i] && (cur[i] == null || pos[i] >= cur[i].count);
                        // An empty live stream's next event is at (frontier, i) or later.
                        if (i != best && empty && (frontier[i] < t || frontier[i] == t && i < best)) {
                            safe = false;
                        }
                    }
                }
                if (!safe) {
                    if (live == 0) {
                        break;
                    }
                    synchronized (signal) {
                        signal.wait(1);
                    }
                    continue;
                }
                pos[best] = emitUnit(w, cur[best], pos[best], best - 1);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private int emitUnit(TraceWriter w, Batch b, int i, int vcpu) throws IOException {
        do {
            int meta = b.meta[i];
            if ((meta & Batch.DIRECT) != 0) {
                w.access(b.time[i], vcpu, (meta & Batch.MEMORY) != 0 ? Space.MEMORY : Space.IO,
                        (meta & Batch.WRITE) != 0 ? Direction.WRITE : Direction.READ, b.address[i], meta & 0xff,
                        b.value[i], false, b.region[i], b.dispatchValue[i]);
                written += 2;
            } else {
                TraceEvent e = b.events[i];
                b.events[i] = null;
                w.append(e);
                written++;
            }
            i++;
        } while (i < b.count && (b.meta[i] & Batch.CONTINUATION) != 0);
        return i;
    }

    private void recycle(Batch b) {
        if (free.size() < 64) {
            free.add(b);
        }
    }

    /**
     * Waits for the merger to write everything and closes the trace (complete). Every
     * {@link VcpuRecorder}, including {@link #host()}, must be closed first by its own thread.
     */
    @Override
    public void close() throws IOException {
        try {
            merger.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the trace", e);
        }
        if (failure != null) {
            if (failure instanceof IOException) {
                throw (IOException) failure;
            }
            throw new UncheckedIOException(new IOException("trace merger failed: " + failure, failure));
        }
    }

}
