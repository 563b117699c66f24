package dev.vmtrace.engine.devices.mch;

import dev.vmtrace.engine.devices.pci.PciHostPorts;
import dev.vmtrace.engine.devices.pci.PcieMmcfg;
import dev.vmtrace.engine.machine.CompatEntry;
import dev.vmtrace.engine.machine.CompatProperty;
import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachinePart;
import dev.vmtrace.engine.machine.MachineVersion;
import java.util.List;

/**
 * Puts the q35 host bridge at 00:00.0 of the PCI host the PM part created, and its MMCONFIG
 * window ({@code pcie-mmcfg-mmio}, unmapped until PCIEXBAR enables it) in the memory root.
 * i440fx machines are unchanged.
 */
public final class MchPart implements MachinePart {
    /** Build order: after the PM part (100), which creates the PCI host ports. */
    public static final int ORDER = 110;

    /** Extended TSEG size in MiB (0 for machine types up to 2.9: no query answer). */
    public static final CompatProperty<Long> EXT_TSEG_MBYTES =
            CompatProperty.integer("mch", "extended-tseg-mbytes", 16, MachineFamily.Q35);
    /** SMRAM at SMBASE negotiation through F_SMBASE (off for machine types up to 4.2). */
    public static final CompatProperty<Boolean> SMBASE_SMRAM =
            CompatProperty.bool("mch", "smbase-smram", true, MachineFamily.Q35);

    @Override
    public String id() {
        return "mch";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public List<CompatProperty<?>> compatProperties() {
        return List.of(EXT_TSEG_MBYTES, SMBASE_SMRAM);
    }

    @Override
    public List<CompatEntry<?>> compatEntries() {
        return List.of(
                new CompatEntry<>(EXT_TSEG_MBYTES, 0L, new MachineVersion(2, 9, 0), MachineFamily.Q35,
                        "hw/i386/pc.c pc_compat_2_9: mch extended-tseg-mbytes=0 (v2.10.0)"),
                new CompatEntry<>(SMBASE_SMRAM, false, new MachineVersion(4, 2, 0), MachineFamily.Q35,
                        "hw/i386/pc.c pc_compat_4_2: mch smbase-smram=off (v5.0.0)"));
    }

    @Override
    public void build(MachineBuilder b) {
        if (b.type().family() != MachineFamily.Q35) {
            return;
        }
        PciHostPorts host = b.device(PciHostPorts.class);
        if (host == null) {
            throw new IllegalStateException("the q35 host bridge needs the PCI host ports of the PM part");
        }
        PcieMmcfg mmcfg = new PcieMmcfg(host);
        mmcfg.attach(b.mapMemory(MchRegisters.PCIEXBAR_RESET, mmcfg.newRegion(PcieMmcfg.SIZE_MAX), 0));
        Q35Mch mch = b.addDevice(new Q35Mch((int) (long) b.property(EXT_TSEG_MBYTES), b.property(SMBASE_SMRAM), mmcfg));
        host.register(0, 0, mch.config());
    }
}
