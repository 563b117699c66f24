package dev.vmtrace.engine.devices.pcihp;

import dev.vmtrace.engine.devices.pm.AcpiRegs;
import dev.vmtrace.engine.devices.pm.Ich9Pm;
import dev.vmtrace.engine.devices.pm.Piix4Pm;
import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachinePart;
import dev.vmtrace.engine.memory.RegionSlot;
import dev.vmtrace.engine.pc.PcCompat;

/**
 * Puts the ACPI PCI hotplug controller in place of the {@code acpi-pci-hotplug} placeholder
 * (0xae00 on i440fx; 0xcc0 on q35 from 6.1, where the base map has it only in bridge mode) and
 * connects it to the PM device's GPE0. The variant follows the release
 * ({@link PciHotplugVariant#of}); bridge mode follows {@code acpi-pci-hotplug-with-bridge-support}.
 */
public final class PciHotplugPart implements MachinePart {
    /** Bus-0 slots of i440fx that hold non-hot-pluggable devices: 0 (host bridge) and 1 (PIIX3). */
    public static final int I440FX_FIXED_SLOTS = 0b11;

    @Override
    public String id() {
        return "pci-hotplug";
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public void build(MachineBuilder b) {
        MachineFamily f = b.type().family();
        if (f == MachineFamily.VIRT) {
            return;
        }
        RegionSlot slot = b.ioSlot("acpi-pci-hotplug");
        if (slot == null) {
            return;
        }
        boolean q35 = f == MachineFamily.Q35;
        boolean bridge = b.property(q35 ? PcCompat.ICH9_PCIHP_BRIDGE : PcCompat.PIIX4_PCIHP_BRIDGE);
        AcpiPciHotplug dev = b.addDevice(new AcpiPciHotplug(q35 ? Ich9Pm.NAME : Piix4Pm.NAME, b.context(),
                PciHotplugVariant.of(b.release()), bridge, !q35, q35 ? 0 : I440FX_FIXED_SLOTS));
        slot.replace(dev.region());
        AcpiRegs regs;
        if (q35) {
            Ich9Pm pm = b.device(Ich9Pm.class);
            pm.connectPciHotplug(dev);
            regs = pm.acpi();
        } else {
            Piix4Pm pm = b.device(Piix4Pm.class);
            pm.connectPciHotplug(dev, bridge, b.property(PcCompat.PIIX4_NOT_MIGRATE_ACPI_INDEX));
            regs = pm.acpi();
        }
        dev.setGpe(regs::raiseGpe);
    }
}
