package dev.vmtrace.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.FlatRange;
import dev.vmtrace.engine.memory.GuestAccess;
import dev.vmtrace.engine.memory.RegionKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct (TCG) path against a real TCG guest: a tiny BIOS executes in/out instructions at
 * both ends of every I/O region (and writes to APM and unassigned ports); QEMU's trace and
 * guest_errors log must show the shapes the engine's direct path produces.
 */
class TcgShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void directPathMatchesATcgGuest(String machine, @TempDir Path dir) throws Exception {
        Machine m = Machine.build(MachineConfig.parse(machine, null, null, List.of(), List.of(), Release.DEFAULT,
                Accel.TCG, null));
        TreeSet<Long> ports = new TreeSet<>();
        for (FlatRange r : m.io().flatView().ranges()) {
            if (r.region().kind() == RegionKind.UNASSIGNED_IO) {
                continue;
            }
            for (long d = 0; d < 4; d++) {
                if (r.start() + d < r.end()) {
                    ports.add(r.start() + d);
                }
                if (r.end() - 1 - d >= r.start()) {
                    ports.add(r.end() - 1 - d);
                }
            }
        }
        // 0xf4..0xf7 is the probe's exit device; 0xf00 is the marker port.
        ports.removeIf(p -> p >= 0xf4 && p <= 0xf7);
        TcgGuest g = new TcgGuest();
        List<GuestAccess> accesses = new ArrayList<>();
        for (long p : ports) {
            for (int size : new int[] {1, 2, 4}) {
                g.in((int) p, size);
                accesses.add(GuestAccess.in(p, size, 0));
            }
        }
        for (long p : new long[] {0xb0, 0xb1, 0xb2, 0xb3, 0x3fe, 0xfffe, 0xffff}) {
            for (int size : new int[] {1, 2, 4}) {
                g.out((int) p, size, 0x11223344L & (size == 4 ? 0xffffffffL : size == 2 ? 0xffff : 0xff));
                accesses.add(GuestAccess.out(p, size, 0x11223344L, 0));
            }
        }
        List<List<String>> qemu = TraceShapes.parse(g.run(machine, List.of(), dir));
        List<String> probes = g.probes();
        assertEquals(probes.size(), qemu.size(), "one trace group per probe");
        // the direct path refuses what the buffer path would split: both reasons must occur
        assertTrue(qemu.stream().flatMap(List::stream).anyMatch(s -> s.endsWith("(unaligned)")));
        assertTrue(qemu.stream().flatMap(List::stream).anyMatch(s -> s.contains("(invalid size (min:4 max:4))")));
        for (int i = 0; i < probes.size(); i++) {
            List<String> engine = TraceShapes.engineShape(m, accesses.get(i));
            assertEquals(TraceShapes.comparable(qemu.get(i), engine), engine, machine + ": " + probes.get(i));
        }
    }

    /** The PM block on the direct path, after the guest maps it at 0x600 through PCI config space. */
    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void pmBlockOnTheDirectPath(String machine, @TempDir Path dir) throws Exception {
        boolean q35 = machine.contains("q35");
        List<long[]> setup = q35
                ? List.of(new long[] {0xcf8, 4, 0x8000f840L}, new long[] {0xcfc, 4, 0x601},
                    new long[] {0xcf8, 4, 0x8000f844L}, new long[] {0xcfc, 1, 0x80})
                : List.of(new long[] {0xcf8, 4, 0x80000b40L}, new long[] {0xcfc, 4, 0x601},
                    new long[] {0xcf8, 4, 0x80000b80L}, new long[] {0xcfc, 1, 0x01});
        Machine m = Machine.build(MachineConfig.parse(machine, null, null, List.of(), List.of(), Release.DEFAULT,
                Accel.TCG, null));
        RegionMapShapeTest.pmAt(m, q35 ? "ich9-pm" : "piix4-pm", 0x600);
        TcgGuest g = new TcgGuest(setup);
        List<GuestAccess> accesses = new ArrayList<>();
        for (long p = 0x600; p < (q35 ? 0x680 : 0x640); p++) {
            for (int size : new int[] {1, 2, 4}) {
                g.in((int) p, size);
                accesses.add(GuestAccess.in(p, size, 0));
            }
        }
        List<List<String>> qemu = TraceShapes.parse(g.run(machine, List.of(), dir));
        List<String> probes = g.probes();
        assertEquals(probes.size(), qemu.size(), "one trace group per probe");
        for (int i = 0; i < probes.size(); i++) {
            assertEquals(TraceShapes.shapeOnly(qemu.get(i)),
                    TraceShapes.shapeOnly(TraceShapes.engineShape(m, accesses.get(i))), machine + ": " + probes.get(i));
        }
    }
}
