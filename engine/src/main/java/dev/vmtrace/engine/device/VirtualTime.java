package dev.vmtrace.engine.device;

import java.util.PriorityQueue;

/**
 * The engine's virtual clock: it advances only when told (qtest {@code clock_step} and
 * {@code clock_set}, or the replayer), and runs due timers as it goes, so runs are reproducible.
 */
public final class VirtualTime implements Clock {
    private long now;
    private long sequence;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.deadline != b.deadline
            ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));

    @Override
    public long nanos() {
        return now;
    }

    /** Schedules {@code action} at absolute virtual time {@code deadline}; returns a cancel handle. */
    public Runnable schedule(long deadline, Runnable action) {
        Timer t = new Timer(deadline, sequence++, action);
        timers.add(t);
        return () -> timers.remove(t);
    }

    /** The earliest pending deadline minus now, or -1 when no timer is pending (QEMU's convention). */
    public long nextDeadlineDelta() {
        Timer t = timers.peek();
        return t == null ? -1 : Math.max(0, t.deadline - now);
    }

    /**
     * Advances to {@code target}, running timers due on the way in deadline order. A target in the
     * past leaves the clock unchanged (QEMU never moves virtual time backwards).
     */
    public void advanceTo(long target) {
        while (now < target) {
            Timer t = timers.peek();
            if (t == null || t.deadline > target) {
                now = target;
                break;
            }
            timers.poll();
            now = Math.max(now, t.deadline);
            t.action.run();
        }
    }

    private static final class Timer {
        final long deadline;
        final long seq;
        final Runnable action;

        Timer(long deadline, long seq, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }
    }
}
