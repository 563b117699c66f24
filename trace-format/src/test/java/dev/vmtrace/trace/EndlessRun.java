package dev.vmtrace.trace;

import java.util.Iterator;
import java.util.Random;

/** An endless deterministic event sequence (regions, then accesses), as a recorder would produce. */
final class EndlessRun implements Iterator<TraceEvent> {
    private final Random rnd;
    private long seq;
    private long time;
    private long tmr;
    private TraceEvent pendingDispatch;

    EndlessRun(long seed) {
        rnd = new Random(seed);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public TraceEvent next() {
        long s = seq++;
        if (s == 0) {
            return new RegionDefined(0, 0, 1, "acpi-tmr", Space.IO, 0x608, 4, null, 0);
        }
        if (s == 1) {
            return new RegionDefined(1, 0, 2, "fwcfg", Space.IO, 0x510, 2, null, 0);
        }
        if (pendingDispatch != null) {
            TraceEvent d = pendingDispatch;
            pendingDispatch = null;
            return d;
        }
        time += rnd.nextInt(3);
        if (rnd.nextInt(10) < 8) {
            tmr += rnd.nextInt(8);
            pendingDispatch = new Dispatch(s + 1, time, s, 1, 0, 4, tmr, DispatchOutcome.DELIVERED);
            return new GuestAccess(s, time, 0, Space.IO, Direction.READ, 0x608, 4, tmr, false);
        }
        long v = rnd.nextInt(256);
        if (rnd.nextInt(50) == 0) {
            return new QemuTraceEvent(s, time, "fw_cfg_read", "0x1 = 0x" + Long.toHexString(v));
        }
        pendingDispatch = new Dispatch(s + 1, time, s, 2, 1, 1, v, DispatchOutcome.DELIVERED);
        return new GuestAccess(s, time, 1, Space.IO, Direction.READ, 0x511, 1, v, false);
    }
}
