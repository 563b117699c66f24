package dev.vmtrace.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.AccessPolicy;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.testing.TraceShapes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dispatch rule of devices.md sections 0 and 1, as a table over the declared q35 7.2.22
 * region map (PM block at PMBASE 0x600): guest access, path, policy and the expected shape, in the
 * notation of QEMU's trace ({@code region:0xADDR/size}) and guest_errors log
 * ({@code X region@0xOFFSET/size(reason)}), plus the value the guest sees where it is modeled.
 */
class DispatchRulesTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                // section 0: the four examples, both paths
                row("inl 0xcd9", Accel.TCG, AccessPolicy.STRICT, "X acpi-cpu-hotplug@0x1/4(unaligned)"),
                row("inl 0xcd9", Accel.KVM, AccessPolicy.STRICT,
                        "acpi-cpu-hotplug:0xcd9/1", "acpi-cpu-hotplug:0xcda/1", "acpi-cpu-hotplug:0xcdb/1",
                        "acpi-cpu-hotplug:0xcdc/1"),
                row("inl 0x600", Accel.TCG, AccessPolicy.STRICT, "X acpi-evt@0x0/4(invalid size (min:1 max:2))"),
                row("inl 0x600", Accel.KVM, AccessPolicy.STRICT, "acpi-evt:0x600/2", "acpi-evt:0x602/2"),
                row("inl 0xcd6", Accel.TCG, AccessPolicy.STRICT, "X acpi-pci-hotplug@0x16/4(unaligned)"),
                row("inl 0xcd6", Accel.QTEST, AccessPolicy.STRICT,
                        "X acpi-pci-hotplug@0x16/2(invalid size (min:4 max:4))", "acpi-cpu-hotplug:0xcd8/1",
                        "acpi-cpu-hotplug:0xcd9/1"),
                row("outl 0xb2", Accel.TCG, AccessPolicy.STRICT,
                        "apm-io:0xb2/1", "apm-io:0xb3/1", "apm-io:0xb4/1", "apm-io:0xb5/1"),
                row("outl 0xb2", Accel.KVM, AccessPolicy.STRICT,
                        "apm-io:0xb2/1", "apm-io:0xb3/1", "apm-io:0xb4/1", "apm-io:0xb5/1"),
                // 1.3: narrow accesses widened at the original (unaligned) offset
                row("inb 0x601", Accel.KVM, AccessPolicy.STRICT, "acpi-evt:0x601/2"),
                row("inb 0x609", Accel.KVM, AccessPolicy.STRICT, "acpi-tmr:0x609/4"),
                row("outb 0x605", Accel.TCG, AccessPolicy.STRICT, "acpi-cnt:0x605/2"),
                // 1.2 order: accepts first (fw_cfg refuses word reads), then alignment, then sizes
                row("inw 0x510", Accel.KVM, AccessPolicy.STRICT, "X fwcfg@0x0/2(rejected)"),
                row("outw 0x510", Accel.KVM, AccessPolicy.STRICT, "fwcfg:0x510/2"),
                row("inw 0x511", Accel.TCG, AccessPolicy.STRICT, "X fwcfg@0x1/2(rejected)"),
                row("inb 0xcc0", Accel.TCG, AccessPolicy.STRICT, "X acpi-pci-hotplug@0x0/1(invalid size (min:4 max:4))"),
                row("inw 0x631", Accel.TCG, AccessPolicy.STRICT, "X acpi-smi@0x1/2(unaligned)"),
                // 1.4: valid max 0 means 4; alignment cuts pieces; no clipping at the region end
                row("inl 0xb3", Accel.KVM, AccessPolicy.STRICT, "apm-io:0xb3/1", "io:0xb4/2", "io:0xb6/1"),
                row("inl 0xb3", Accel.TCG, AccessPolicy.STRICT, "X apm-io@0x1/4(unaligned)"),
                row("inw 0xb2", Accel.TCG, AccessPolicy.STRICT, "apm-io:0xb2/1", "apm-io:0xb3/1"),
                row("inl 0x83", Accel.KVM, AccessPolicy.STRICT, "dma-page:0x83/4"),
                // 1.5: unassigned ports, and past the end of the I/O space (unassigned memory refuses)
                row("inl 0x3fe", Accel.KVM, AccessPolicy.STRICT, "io:0x3fe/2", "io:0x400/2"),
                row("inl 0xfffe", Accel.KVM, AccessPolicy.STRICT,
                        "io:0xfffe/2", "X unassigned@0x10000/2(rejected)"),
                // 1.6: lenient (1.6..5.0) ignores valid sizes without accepts; keeps alignment and accepts
                row("inl 0x600", Accel.TCG, AccessPolicy.LENIENT, "acpi-evt:0x600/4"),
                row("inb 0xcc0", Accel.TCG, AccessPolicy.LENIENT, "acpi-pci-hotplug:0xcc0/1"),
                row("inl 0xcd9", Accel.TCG, AccessPolicy.LENIENT, "X acpi-cpu-hotplug@0x1/4(unaligned)"),
                row("inw 0x510", Accel.TCG, AccessPolicy.LENIENT, "X fwcfg@0x0/2(rejected)"),
                row("inl 0xcd6", Accel.KVM, AccessPolicy.LENIENT,
                        "acpi-pci-hotplug:0xcd6/2", "acpi-cpu-hotplug:0xcd8/1", "acpi-cpu-hotplug:0xcd9/1"));
    }

    private static Arguments row(String access, Accel accel, AccessPolicy policy, String... shape) {
        return Arguments.of(access, accel, policy, List.of(shape));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("rules")
    void shapeFollowsTheRules(String access, Accel accel, AccessPolicy policy, List<String> expected) {
        Machine m = q35WithPm(accel, policy);
        String[] w = access.split(" ");
        int size = w[0].endsWith("b") ? 1 : w[0].endsWith("w") ? 2 : 4;
        long port = Long.decode(w[1]);
        GuestAccess a = w[0].startsWith("in") ? GuestAccess.in(port, size, 0) : GuestAccess.out(port, size, 0, 0);
        assertEquals(expected, TraceShapes.shapeOnly(TraceShapes.engineShape(m, a)));
    }

    /** A q35 7.2 machine with the ICH9 PM block enabled at 0x600, as firmware leaves it. */
    static Machine q35WithPm(Accel accel, AccessPolicy policy) {
        Machine m = Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(), List.of(), Release.DEFAULT,
                accel, policy));
        Region root = m.io().root();
        for (Region.Subregion s : root.subregions()) {
            if (s.region().name().equals("ich9-pm")) {
                Region pm = s.region();
                root.remove(pm);
                root.add(0x600, pm, 0);
                pm.setEnabled(true);
                return m;
            }
        }
        throw new AssertionError("no ich9-pm container");
    }
}
