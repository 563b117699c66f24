package dev.vmtrace.trace.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** N vCPU threads recording at once: nothing lost or duplicated, per-vCPU order kept, merge deterministic. */
class ConcurrentRecorderTest {
    private static final int VCPUS = 4;
    private static final int PER_VCPU = 30_000;

    @TempDir
    Path tmp;

    /** What one vCPU records: (time, vcpu, n, kind) in program order. */
    private record Item(long time, int vcpu, int n, int kind) {
    }

    private static List<Item> plan(int vcpu) {
        Random rnd = new Random(100 + vcpu);
        List<Item> l = new ArrayList<>();
        long t = 0;
        for (int n = 0; n < PER_VCPU; n++) {
            t += rnd.nextInt(4);
            l.add(new Item(t, vcpu, n, rnd.nextInt(20)));
        }
        return l;
    }

    private List<TraceEvent> record(Path dir) throws Exception {
        TraceHeader h = TraceHeader.of("concurrency test", "pc-q35-7.2", "7.2.22", "tcg", VCPUS, Map.of());
        try (ConcurrentRecorder rec = ConcurrentRecorder.create(dir, h, VCPUS)) {
            VcpuRecorder host = rec.host();
            host.event(new RegionDefined(0, 0, 1, "acpi-tmr", Space.IO, 0x608, 4, null, 0));
            host.close();
            List<Thread> threads = new ArrayList<>();
            for (int v = 0; v < VCPUS; v++) {
                VcpuRecorder r = rec.vcpu(v);
                List<Item> items = plan(v);
                Thread th = new Thread(() -> {
                    for (Item it : items) {
                        if (it.kind == 0) {
                            r.event(new QemuTraceEvent(0, it.time, "v" + it.vcpu, Integer.toString(it.n)));
                        } else if (it.kind == 1) {
                            r.event(new GuestAccess(0, it.time, it.vcpu, Space.IO, Direction.WRITE, 0xcd8, 4, it.n, true));
                            for (int k = 0; k < 4; k++) {
                                r.event(new Dispatch(0, it.time, 0, 1, k, 1, it.n, DispatchOutcome.SPLIT_PART));
                            }
                        } else {
                            r.access(it.time, Space.IO, Direction.READ, 0x608, 4, it.n, 1, it.n);
                        }
                        if (it.n % 997 == 0) {
                            r.advance(it.time);
                        }
                    }
                    r.close();
                }, "vcpu-" + v);
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
        }
        List<TraceEvent> l = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            assertTrue(r.header().complete());
            while (r.hasNext()) {
                l.add(r.next());
            }
            assertTrue(r.status().clean());
        }
        return l;
    }

    @Test
    @Timeout(120)
    void mergeLosesNothingKeepsVcpuOrderAndIsDeterministic() throws Exception {
        List<TraceEvent> first = record(tmp.resolve("a"));
        // Expected: all items sorted by (time, vcpu, program order).
        List<Item> all = new ArrayList<>();
        for (int v = 0; v < VCPUS; v++) {
            all.addAll(plan(v));
        }
        all.sort(Comparator.comparingLong(Item::time).thenComparingInt(Item::vcpu).thenComparingInt(Item::n));
        List<Item> got = new ArrayList<>();
        for (int i = 1; i < first.size(); i++) {
            TraceEvent e = first.get(i);
            if (e instanceof QemuTraceEvent) {
                QemuTraceEvent q = (QemuTraceEvent) e;
                got.add(new Item(q.time(), Integer.parseInt(q.name().substring(1)), Integer.parseInt(q.text()), 0));
            } else if (e instanceof GuestAccess) {
                GuestAccess a = (GuestAccess) e;
                got.add(new Item(a.time(), a.vcpu(), (int) a.value(), a.inferred() ? 1 : 2));
            } else {
                Dispatch d = (Dispatch) e;
                assertTrue(first.get((int) d.accessSeq()) instanceof GuestAccess, "dispatch " + d);
                for (long k = d.accessSeq() + 1; k < d.seq(); k++) {
                    assertTrue(first.get((int) k) instanceof Dispatch, "unit of " + d + " is contiguous");
                }
            }
        }
        List<Item> expected = new ArrayList<>();
        for (Item it : all) {
            expected.add(new Item(it.time, it.vcpu, it.n, it.kind == 0 ? 0 : it.kind == 1 ? 1 : 2));
        }
        assertEquals(expected.size(), got.size(), "no loss, no duplicates");
        assertEquals(expected, got, "merged by (virtual time, vcpu, per-vcpu order)");
        // Split units stay together: every SPLIT_PART follows its own access.
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i) instanceof Dispatch && ((Dispatch) first.get(i)).outcome() == DispatchOutcome.SPLIT_PART) {
                Dispatch d = (Dispatch) first.get(i);
                GuestAccess owner = (GuestAccess) first.get((int) d.accessSeq());
                assertTrue(owner.inferred());
                assertEquals(owner.value(), d.value());
            }
        }
        List<TraceEvent> second = record(tmp.resolve("b"));
        assertEquals(first, second, "same virtual clock, same trace");
    }
}
