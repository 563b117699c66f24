package dev.vmtrace.replay;

import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The last trace events, kept by reference (rendered only when needed), so the first divergence
 * can be shown with N events before and after it.
 */
final class ContextRing {
    private final int n;
    private final TraceEvent[] ring;
    private long added;
    private int next;
    private long capturedSeq = -1;
    private final List<TraceEvent> before = new ArrayList<>();
    private TraceEvent at;
    private final List<TraceEvent> after = new ArrayList<>();
    private boolean collecting;

    ContextRing(int n) {
        this.n = n;
        this.ring = new TraceEvent[n + 64];
    }

    void add(TraceEvent e) {
        ring[next] = e;
        next = next + 1 == ring.length ? 0 : next + 1;
        added++;
        if (collecting) {
            if (e.seq() > capturedSeq) {
                after.add(e);
            }
            if (after.size() >= n) {
                collecting = false;
            }
        }
    }

    /** Captures the context of the event {@code seq} (called once, at the first divergence). */
    void capture(long seq) {
        if (capturedSeq >= 0) {
            return;
        }
        capturedSeq = seq;
        long from = Math.max(0, added - ring.length);
        for (long i = from; i < added; i++) {
            TraceEvent e = ring[(int) (i % ring.length)];
            if (e.seq() < seq) {
                before.add(e);
            } else if (e.seq() == seq) {
                at = e;
            } else if (after.size() < n) {
                after.add(e);
            }
        }
        while (before.size() > n) {
            before.remove(0);
        }
        collecting = after.size() < n;
    }

    void finish() {
        collecting = false;
    }

    List<String> before(IntFunction<RegionDefined> regions) {
        return render(before, regions);
    }

    List<String> after(IntFunction<RegionDefined> regions) {
        return render(after, regions);
    }

    String at(IntFunction<RegionDefined> regions) {
        return at == null ? "#" + capturedSeq : EventText.render(at, regions);
    }

    private static List<String> render(List<TraceEvent> events, IntFunction<RegionDefined> regions) {
        List<String> out = new ArrayList<>(events.size());
        for (TraceEvent e : events) {
            out.add(EventText.render(e, regions));
        }
        return out;
    }
}
