package dev.vmtrace.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.machine.Machine;
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
 * The full I/O region map against QEMU 7.2: for every mapped region (modeled or not), byte, word
 * and dword reads at its first and last ports take the same shape (regions, addresses, piece sizes,
 * refusals and reasons) in QEMU's trace as in the engine's outcome.
 */
class RegionMapShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void everyIoRegionHasQemusShape(String machine, @TempDir Path dir) throws Exception {
        DifferentialHarness h = new DifferentialHarness(machine, null);
        Machine m = h.engineMachine();
        TreeSet<Long> ports = new TreeSet<>();
        for (FlatRange r : m.io().flatView().ranges()) {
            // vmport reads crash QEMU under qtest (no current CPU), so its shape is not probed.
            if (r.region().kind() == RegionKind.UNASSIGNED_IO || r.region().name().equals("vmport")) {
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
        List<String> probes = new ArrayList<>();
        List<GuestAccess> accesses = new ArrayList<>();
        for (long p : ports) {
            for (int size : new int[] {1, 2, 4}) {
                char w = size == 1 ? 'b' : size == 2 ? 'w' : 'l';
                probes.add(String.format("in%c 0x%x", w, p));
                accesses.add(GuestAccess.in(p, size, -1));
            }
        }
        List<List<String>> qemu = TraceShapes.qemuShapes(machine, List.of(), probes, dir);
        assertEquals(probes.size(), qemu.size(), "one trace group per probe");
        for (int i = 0; i < probes.size(); i++) {
            List<String> engine = TraceShapes.engineShape(m, accesses.get(i));
            assertEquals(TraceShapes.comparable(qemu.get(i), engine), engine, machine + ": " + probes.get(i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void mmioWindowsHaveQemusShape(String machine, @TempDir Path dir) throws Exception {
        Machine m = new DifferentialHarness(machine, null).engineMachine();
        List<String> probes = new ArrayList<>();
        List<GuestAccess> accesses = new ArrayList<>();
        for (long base : new long[] {0xfec00000L, 0xfec00ffcL, 0xfed00000L, 0xfed003fcL, 0xfee00000L, 0xfeeffffcL}) {
            for (long d : new long[] {0, 2}) {
                for (int kind = 0; kind < 4; kind++) {
                    int size = 1 << kind;
                    probes.add(String.format("read%c 0x%x", "bwlq".charAt(kind), base + d));
                    accesses.add(new GuestAccess(dev.vmtrace.engine.memory.Space.MEMORY, base + d, size,
                            dev.vmtrace.engine.memory.Direction.READ, 0, -1));
                }
            }
        }
        List<List<String>> qemu = TraceShapes.qemuShapes(machine, List.of(), probes, dir);
        assertEquals(probes.size(), qemu.size(), "one trace group per probe");
        for (int i = 0; i < probes.size(); i++) {
            List<String> engine = TraceShapes.engineShape(m, accesses.get(i));
            assertEquals(TraceShapes.comparable(qemu.get(i), engine), engine, machine + ": " + probes.get(i));
        }
    }

    /**
     * The PM block once firmware has set PMBASE = 0x600 and enabled it through PCI config space
     * (ICH9 LPC 00:1f.0 regs 0x40/0x44; PIIX4 PM 00:01.3 regs 0x40/0x80): both ends of every PM
     * region at all three sizes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void pmBlockHasQemusShape(String machine, @TempDir Path dir) throws Exception {
        boolean q35 = machine.contains("q35");
        List<String> setup = q35
                ? List.of("outl 0xcf8 0x8000f840", "outl 0xcfc 0x601", "outl 0xcf8 0x8000f844", "outb 0xcfc 0x80")
                : List.of("outl 0xcf8 0x80000b40", "outl 0xcfc 0x601", "outl 0xcf8 0x80000b80", "outb 0xcfc 0x01");
        Machine m = new DifferentialHarness(machine, null).engineMachine();
        pmAt(m, q35 ? "ich9-pm" : "piix4-pm", 0x600);
        List<String> probes = new ArrayList<>();
        List<GuestAccess> accesses = new ArrayList<>();
        for (long port = 0x600; port < (q35 ? 0x680 : 0x640); port++) {
            for (int size : new int[] {1, 2, 4}) {
                char w = size == 1 ? 'b' : size == 2 ? 'w' : 'l';
                probes.add(String.format("in%c 0x%x", w, port));
                accesses.add(GuestAccess.in(port, size, -1));
            }
        }
        List<List<String>> qemu = TraceShapes.qemuShapes(machine, List.of(), setup, probes, dir);
        assertEquals(probes.size(), qemu.size(), "one trace group per probe");
        for (int i = 0; i < probes.size(); i++) {
            List<String> engine = TraceShapes.shapeOnly(TraceShapes.engineShape(m, accesses.get(i)));
            assertEquals(TraceShapes.shapeOnly(qemu.get(i)), engine, machine + ": " + probes.get(i));
        }
    }

    /** Moves the (disabled) PM container to {@code base} and enables it, as the PMBASE write does. */
    static void pmAt(Machine m, String name, long base) {
        dev.vmtrace.engine.memory.Region root = m.io().root();
        for (dev.vmtrace.engine.memory.Region.Subregion s : root.subregions()) {
            if (s.region().name().equals(name)) {
                dev.vmtrace.engine.memory.Region pm = s.region();
                root.remove(pm);
                root.add(base, pm, 0);
                pm.setEnabled(true);
                return;
            }
        }
        throw new AssertionError("no " + name + " container");
    }
}
