package dev.vmtrace.trace.concurrent;

import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceEvent;

/**
 * The recording handle of one vCPU (or of the host, index -1): used by one thread only. Events
 * are buffered and handed to the merger in batches; times must not go backwards within a vCPU.
 * {@link #advance(long)} tells the merger an idle vCPU has reached a time, so others need not
 * wait for it; {@link #close()} ends this vCPU's stream.
 */
public final class VcpuRecorder implements AutoCloseable {
    private final ConcurrentRecorder owner;
    private final int index;
    private Batch batch;
    private long lastTime = Long.MIN_VALUE;
    private boolean closed;

    VcpuRecorder(ConcurrentRecorder owner, int index) {
        this.owner = owner;
        this.index = index;
        this.batch = owner.freshBatch();
    }

    /** The vCPU index (-1 for the host recorder). */
    public int index() {
        return index;
    }

    /**
     * A guest access of this vCPU delivered whole to {@code region} (a {@code GuestAccess} and its
     * {@code DELIVERED} dispatch).
     */
    public void access(long time, Space space, Direction dir, long address, int size, long value, int region,
                       long dispatchValue) {
        check(time);
        if (batch.full()) {
            rollover(false);
        }
        Batch b = batch;
        int i = b.count++;
        b.time[i] = time;
        b.address[i] = address;
        b.value[i] = value;
        b.dispatchValue[i] = dispatchValue;
        b.region[i] = region;
        b.meta[i] = size | (dir == Direction.WRITE ? Batch.WRITE : 0) | (space == Space.MEMORY ? Batch.MEMORY : 0)
                | Batch.DIRECT;
        b.events[i] = null;
    }

    /**
     * Any event. A {@link Dispatch} stays attached to the access recorded just before it on this
     * vCPU: they reach the trace as one unit, never interleaved with other vCPUs' events.
     */
    public void event(TraceEvent e) {
        check(e.time());
        boolean continuation = e instanceof Dispatch;
        if (continuation && batch.count == 0) {
            throw new IllegalStateException("a dispatch must follow the access it belongs to");
        }
        if (batch.full()) {
            rollover(continuation);
        }
        Batch b = batch;
        int i = b.count++;
        b.time[i] = e.time();
        b.events[i] = e;
        b.meta[i] = continuation ? Batch.CONTINUATION : 0;
    }

    /** Promises that this vCPU records nothing earlier than {@code time} from now on. */
    public void advance(long time) {
        check(time);
        rollover(true);
    }

    private void check(long time) {
        if (closed) {
            throw new IllegalStateException("vCPU recorder " + index + " is closed");
        }
        if (time < lastTime) {
            throw new IllegalArgumentException("vCPU " + index + ": time went backwards, " + time + " < " + lastTime);
        }
        lastTime = time;
    }

    /**
     * Hands the batch to the merger. With {@code keepLastUnit}, the last unit (an access and the
     * dispatches recorded so far) moves to the next batch, because more of its dispatches may
     * follow; the promise made is then the time of that unit.
     */
    private void rollover(boolean keepLastUnit) {
        Batch b = batch;
        Batch next = owner.freshBatch();
        int u = b.count;
        if (keepLastUnit && u > 0) {
            u--;
            while (u > 0 && (b.meta[u] & Batch.CONTINUATION) != 0) {
                u--;
            }
            if (u == 0 && b.count == Batch.CAPACITY) {
                throw new IllegalStateException("one access with more than " + Batch.CAPACITY + " dispatches");
            }
            for (int k = u; k < b.count; k++) {
                int j = next.count++;
                next.time[j] = b.time[k];
                next.address[j] = b.address[k];
                next.value[j] = b.value[k];
                next.dispatchValue[j] = b.dispatchValue[k];
                next.region[j] = b.region[k];
                next.meta[j] = b.meta[k];
                next.events[j] = b.events[k];
                b.events[k] = null;
            }
            b.frontier = u < b.count ? b.time[u] : lastTime;
            b.count = u;
        } else {
            b.frontier = lastTime;
        }
        b.last = false;
        batch = next;
        owner.publish(index, b);
    }

    /** Ends this vCPU's stream; everything recorded is handed to the merger. */
    @Override
    public void close() {
        if (!closed) {
            Batch b = batch;
            b.frontier = Long.MAX_VALUE;
            b.last = true;
            batch = null;
            closed = true;
            owner.publish(index, b);
        }
    }
}
