package dev.vmtrace.engine.devices.mch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.testing.QemuMonitor;
import dev.vmtrace.engine.testing.RealQemu;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After the guest programs PCIEXBAR, the engine's memory flat view equals QEMU 7.2's
 * {@code info mtree -f} (the PCIEXBAR value written with the monitor's {@code o /w} through
 * 0xcf8/0xcfc): {@code pcie-mmcfg-mmio} at the programmed base with the programmed length, or
 * absent when disabled or never enabled.
 */
class MmcfgFlatViewTest {

    @ParameterizedTest(name = "PCIEXBAR {0}:{1} -m {2}")
    @CsvSource({"0xb0000001,0x0,128M", "0xe0000005,0x0,128M", "0xd6000003,0x0,128M", "0xb0000000,0x0,128M",
        "0xc0000007,0x0,128M", "0x00000001,0x1,128M", "0x00000001,0x0,128M", "0xb0000001,0x0,3G"})
    void memoryMapMatchesQemu(String low, String high, String memory) throws Exception {
        String commands = String.join("\n", "o /w 0xcf8 0x80000064", "o /w 0xcfc " + high,
                "o /w 0xcf8 0x80000060", "o /w 0xcfc " + low, "info mtree -f");
        List<String> qemu = QemuMonitor.memoryFlatView(QemuMonitor.run(RealQemu.requireQemu(),
                List.of("-M", "pc-q35-7.2", "-m", memory), commands));
        assertTrue(qemu.size() > 5, "QEMU printed a memory flat view: " + qemu);
        Machine m = machine("pc-q35-7.2", memory);
        m.out(0xcf8, 0x80000064L, 4, -1, AccessSink.DISCARD);
        m.out(0xcfc, Long.decode(high), 4, -1, AccessSink.DISCARD);
        m.out(0xcf8, 0x80000060L, 4, -1, AccessSink.DISCARD);
        m.out(0xcfc, Long.decode(low), 4, -1, AccessSink.DISCARD);
        assertEquals(String.join("\n", qemu), String.join("\n", flat(m)));
    }

    @Test
    void onlyQ35HasTheWindowAndItStartsUnmapped() {
        for (String type : List.of("pc-q35-7.2", "pc-i440fx-7.2")) {
            Machine m = machine(type, "128M");
            assertFalse(flat(m).stream().anyMatch(l -> l.endsWith(" pcie-mmcfg-mmio")), type);
        }
        Machine i440fx = machine("pc-i440fx-7.2", "128M");
        i440fx.out(0xcf8, 0x80000060L, 4, -1, AccessSink.DISCARD);
        i440fx.out(0xcfc, 0xb0000001L, 4, -1, AccessSink.DISCARD);
        assertFalse(flat(i440fx).stream().anyMatch(l -> l.endsWith(" pcie-mmcfg-mmio")));
    }

    @Test
    void resetUnmapsTheWindowAndRestoresPciexbar() {
        Machine m = machine("pc-q35-7.2", "128M");
        m.out(0xcf8, 0x80000060L, 4, -1, AccessSink.DISCARD);
        m.out(0xcfc, 0xe0000005L, 4, -1, AccessSink.DISCARD);
        assertTrue(flat(m).contains("0xe0000000-0xe3ffffff pcie-mmcfg-mmio"), flat(m).toString());
        m.reset();
        assertFalse(flat(m).stream().anyMatch(l -> l.endsWith(" pcie-mmcfg-mmio")));
        assertEquals(0xb0000000L, m.in(0xcfc, 4, -1, AccessSink.DISCARD));
    }

    private static Machine machine(String type, String memory) {
        return Machine.build(MachineConfig.parse(type, null, memory, List.of(), List.of(), Release.DEFAULT, Accel.KVM,
                null));
    }

    private static List<String> flat(Machine m) {
        return QemuMonitor.engineMemoryFlatView(m);
    }
}
