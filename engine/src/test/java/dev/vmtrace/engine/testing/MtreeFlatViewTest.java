package dev.vmtrace.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.FlatRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's I/O map equals QEMU 7.2's {@code info mtree -f} (machine created, paused before
 * firmware) for current and older machine types, with and without SMM and spare CPUs.
 */
class MtreeFlatViewTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(value = {
        "pc-i440fx-7.2;", "pc-q35-7.2;", "pc-q35-7.2,smm=on;2,maxcpus=4", "pc-q35-7.2,smm=off;",
        "pc-q35-6.0;", "pc-q35-6.1;", "pc-q35-2.6;", "pc-i440fx-2.6;", "pc-i440fx-1.7;", "pc-i440fx-5.0;", "pc-q35-2.4;", "pc-q35-2.5;",
        "pc-i440fx-2.4;", "pc-i440fx-1.4;"},
        delimiter = ';')
    void ioMapMatchesQemu(String machine, String smp) throws Exception {
        List<String> args = new ArrayList<>(List.of("-M", machine));
        if (smp != null) {
            args.add("-smp");
            args.add(smp);
        }
        List<String> qemu = QemuMonitor.ioFlatView(QemuMonitor.run(RealQemu.requireQemu(), args, "info mtree -f"));
        assertTrue(qemu.size() > 20, "QEMU printed an I/O flat view: " + qemu);
        Machine m = Machine.build(MachineConfig.parse(machine, smp, null, List.of(), List.of(), Release.DEFAULT,
                Accel.KVM, null));
        List<long[]> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FlatRange r : m.io().flatView().ranges()) {
            ranges.add(new long[] {r.start(), r.end()});
            names.add(r.region().name());
        }
        assertEquals(String.join("\n", qemu), String.join("\n", QemuMonitor.merged(ranges, names)));
    }

    @ParameterizedTest(name = "{0} -m {1}")
    @CsvSource({"pc-q35-7.2,128M", "pc-q35-7.2,3G", "pc-q35-7.2,4G", "pc-i440fx-7.2,128M", "pc-i440fx-7.2,3G",
        "pc-i440fx-7.2,4G", "pc-i440fx-7.2,3584M"})
    void memoryMapMatchesQemu(String machine, String memory) throws Exception {
        List<String> qemu = QemuMonitor.memoryFlatView(QemuMonitor.run(RealQemu.requireQemu(),
                List.of("-M", machine, "-m", memory), "info mtree -f"));
        assertTrue(qemu.size() > 5, "QEMU printed a memory flat view: " + qemu);
        Machine m = Machine.build(MachineConfig.parse(machine, null, memory, List.of(), List.of(), Release.DEFAULT,
                Accel.KVM, null));
        List<long[]> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FlatRange r : m.memory().flatView().ranges()) {
            ranges.add(new long[] {r.start(), r.end()});
            names.add(r.region().name());
        }
        assertEquals(String.join("\n", qemu), String.join("\n", QemuMonitor.merged(ranges, names)));
    }
}
