package dev.vmtrace.trace;

import dev.vmtrace.engine.input.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Event lists for tests: one of every type, and long pseudo-random access runs. */
final class TestTraces {
    private TestTraces() {
    }

    static TraceHeader header() {
        return TraceHeader.of("vmtrace test", "pc-q35-7.2", "7.2.22", "tcg", 2, Map.of("smp", "2,maxcpus=4"));
    }

    /** KVM ids of two AArch64 system registers (VBAR_EL1, ESR_EL1). */
    static final long VBAR_EL1 = 0x603000000013c600L;
    static final long ESR_EL1 = 0x603000000013c290L;

    /** Every event type, with seqs as the writer will assign them. */
    static List<TraceEvent> everyType() {
        List<TraceEvent> l = everyTypeBeforeCpuSync();
        l.add(new CpuSync(25, 300, 0, CpuSyncKind.GUEST_WRITE, VBAR_EL1, 0xffff000010080800L));
        l.add(new CpuSync(26, 300, 0, CpuSyncKind.GET, 0, 0));
        l.add(new CpuSync(27, 301, 1, CpuSyncKind.DEBUGGER_WRITE, ESR_EL1, 0xf2000000L));
        l.add(new CpuSync(28, 302, 1, CpuSyncKind.PUT, 0, 0));
        l.add(new CpuSync(29, 302, 0, CpuSyncKind.RESET, 0, 0));
        return l;
    }

    /**
     * Every event type that existed before {@link CpuSync}: the content of the golden file written
     * before the seek index (every-type-noindex.vmtrace).
     */
    static List<TraceEvent> everyTypeBeforeCpuSync() {
        List<TraceEvent> l = new ArrayList<>();
        AccessRules legacy = new AccessRules(1, 4, 1, 1, false);
        l.add(new RegionDefined(0, 0, 1, "acpi-cpu-hotplug", Space.IO, 0xcd8, 32, legacy, 0x56283972f620L));
        l.add(new RegionDefined(1, 0, 2, "acpi-tmr", Space.IO, 0x608, 4, null, 0));
        l.add(new GuestAccess(2, 100, 0, Space.IO, Direction.WRITE, 0xcd8, 4, 0, true));
        for (int i = 0; i < 4; i++) {
            l.add(new Dispatch(3 + i, 100, 2, 1, i, 1, 0, DispatchOutcome.SPLIT_PART));
        }
        l.add(new GuestAccess(7, 150, 1, Space.IO, Direction.READ, 0x608, 4, 0x2e002b, false));
        l.add(new Dispatch(8, 150, 7, 2, 0, 4, 0x2e002b, DispatchOutcome.DELIVERED));
        l.add(new GuestAccess(9, 150, 1, Space.IO, Direction.READ, 0x609, 1, 0xff, false));
        l.add(new Dispatch(10, 150, 9, 2, 1, 4, 0xffffffffffffffffL, DispatchOutcome.WIDENED));
        l.add(new GuestAccess(11, 160, -1, Space.MEMORY, Direction.WRITE, 0xfee00000L, 4, 0x4021, false));
        l.add(new Dispatch(12, 160, 11, 0, 0xfee00000L, 4, 0x4021, DispatchOutcome.UNASSIGNED));
        l.add(new GuestAccess(13, 170, 0, Space.IO, Direction.READ, 0x1234, 3, 0xabcdef, false));
        l.add(new HostEvent(14, 200, HostEventKind.CPU_HOT_ADD, 2));
        l.add(new HostEvent(15, 90, HostEventKind.CLOCK_STEP, -5));
        l.add(new QemuTraceEvent(16, 210, "cpuhp_acpi_write_idx", "set active cpu idx: 0x0"));
        l.add(new QemuTraceEvent(17, 211, "cpuhp_acpi_write_idx", "set active cpu idx: 0x1 \u00e9"));
        l.add(new SmiRaised(18, 220, 0, 0x11));
        l.add(new GpeEvent(19, 230, 2, true));
        l.add(new FwCfgFile(20, 240, 7, "etc/table-loader", 4096));
        l.add(new StateSnapshot(21, 250, "marker:boot", ImmutableBytes.copyOf(new byte[] {0x51, 0x45, 0x56, 0x4d})));
        l.add(new GuestAccess(22, 260, 0, Space.IO, Direction.WRITE, 0xb2, 1, 0, false));
        l.add(new Dispatch(23, 260, 22, 0, 0xb2, 1, 0, DispatchOutcome.DROPPED));
        l.add(new Dispatch(24, 260, 22, 0, 0xb3, 1, 0, DispatchOutcome.DROPPED));
        return l;
    }

    /** Writes {@code events} with append(). */
    static void write(TraceWriter w, List<TraceEvent> events) throws java.io.IOException {
        for (TraceEvent e : events) {
            w.append(e);
        }
    }

    /** All events of a trace, strictly (damage throws). */
    static List<TraceEvent> readAll(TraceReader r) throws BadInputException {
        List<TraceEvent> l = new ArrayList<>();
        while (r.hasNext()) {
            l.add(r.next());
        }
        return l;
    }

    /** A boot-like run: a timer region read over and over, plus other regions, direct accesses. */
    static List<TraceEvent> accessRun(int n, long seed) {
        Random rnd = new Random(seed);
        List<TraceEvent> l = new ArrayList<>();
        l.add(new RegionDefined(0, 0, 1, "acpi-tmr", Space.IO, 0x608, 4, null, 0));
        l.add(new RegionDefined(1, 0, 2, "fwcfg", Space.IO, 0x510, 2, null, 0));
        l.add(new RegionDefined(2, 0, 3, "mmio", Space.MEMORY, 0xfed00000L, 0x400, null, 0));
        long tmr = 0;
        long time = 0;
        for (int i = 0; i < n; i++) {
            long seq = l.size();
            time += rnd.nextInt(3);
            int k = rnd.nextInt(10);
            if (k < 7) {
                tmr += rnd.nextInt(8);
                l.add(new GuestAccess(seq, time, 0, Space.IO, Direction.READ, 0x608, 4, tmr, false));
                l.add(new Dispatch(seq + 1, time, seq, 1, 0, 4, tmr, DispatchOutcome.DELIVERED));
            } else if (k < 9) {
                long v = rnd.nextInt(256);
                l.add(new GuestAccess(seq, time, 1, Space.IO, Direction.READ, 0x511, 1, v, false));
                l.add(new Dispatch(seq + 1, time, seq, 2, 1, 1, v, DispatchOutcome.DELIVERED));
            } else {
                long off = rnd.nextInt(0x100) * 4L;
                long v = rnd.nextLong();
                l.add(new GuestAccess(seq, time, -1, Space.MEMORY, Direction.WRITE, 0xfed00000L + off, 4, v, false));
                l.add(new Dispatch(seq + 1, time, seq, 3, off, 4, v, DispatchOutcome.DELIVERED));
            }
        }
        return l;
    }
}
