package dev.vmtrace.engine.devices.cpuhp;

import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachinePart;
import dev.vmtrace.engine.memory.RegionSlot;

/**
 * Puts the CPU hotplug controller in place of the {@code acpi-cpu-hotplug} placeholder on both PC
 * families (0xaf00 on i440fx, 0xcd8 on q35), with the legacy access rules of the machine's
 * release. The PM part (order 100) connects its GPE block and migrates its state.
 */
public final class CpuHotplugPart implements MachinePart {
    @Override
    public String id() {
        return "cpu-hotplug";
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public void build(MachineBuilder b) {
        MachineFamily f = b.type().family();
        if (f == MachineFamily.VIRT) {
            return;
        }
        boolean q35 = f == MachineFamily.Q35;
        CpuHotplug dev = b.addDevice(new CpuHotplug(q35 ? "ICH9-LPC" : "PIIX4_PM", b.context(),
                CpuHotplugRegisters.legacy(b.release()), b.config().cpus(), b.config().maxCpus()));
        RegionSlot slot = b.ioSlot("acpi-cpu-hotplug");
        long base = q35 ? CpuHotplugRegisters.ICH9_BASE : CpuHotplugRegisters.PIIX4_BASE;
        if (slot == null) {
            slot = b.mapIo(base, dev.initialRegion(), 0);
        } else {
            slot.replace(dev.initialRegion());
        }
        dev.attach(slot);
    }
}
