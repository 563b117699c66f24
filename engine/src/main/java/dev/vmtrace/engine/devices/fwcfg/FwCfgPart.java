package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.machine.CompatEntry;
import dev.vmtrace.engine.machine.CompatProperty;
import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachinePart;
import dev.vmtrace.engine.machine.MachineVersion;
import dev.vmtrace.engine.memory.RegionSlot;
import dev.vmtrace.engine.pc.PcCompat;
import java.util.List;

/**
 * Puts fw_cfg on every PC machine: the {@code fwcfg} and (machine types from 2.5)
 * {@code fwcfg.dma} regions, DMA over the machine's RAM, and the numbered items and non-ACPI
 * files QEMU 7.2 creates for a {@code -nodefaults} PC ({@link PcFwCfgContent}). Runs at
 * {@link #ORDER}, before device parts (default 100) that add their own files; the ACPI blobs are
 * added by {@code dev.vmtrace.engine.acpi.AcpiPart}, which runs last as QEMU's machine-done hook.
 */
public final class FwCfgPart implements MachinePart {
    /** Build order: after APM (10), before devices (100). */
    public static final int ORDER = 20;

    /** fw_cfg DMA interface (off for machine types up to 2.4). */
    public static final CompatProperty<Boolean> DMA_ENABLED = CompatProperty.bool("fw_cfg_io", "dma_enabled", true);
    /** Number of file slots (0x10 for machine types up to 2.8). */
    public static final CompatProperty<Long> FILE_SLOTS = CompatProperty.integer("fw_cfg", "x-file-slots", 0x20, null);

    @Override
    public String id() {
        return "fw_cfg";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public List<CompatProperty<?>> compatProperties() {
        return List.of(DMA_ENABLED, FILE_SLOTS);
    }

    @Override
    public List<CompatEntry<?>> compatEntries() {
        return List.of(
                new CompatEntry<>(DMA_ENABLED, false, new MachineVersion(2, 4, 0), null,
                        "hw/core/machine.c hw_compat_2_4: fw_cfg_io dma_enabled=off (v2.5.0)"),
                new CompatEntry<>(FILE_SLOTS, 0x10L, new MachineVersion(2, 8, 0), null,
                        "hw/core/machine.c hw_compat_2_8: fw_cfg x-file-slots=0x10 (v2.9.0)"));
    }

    @Override
    public void build(MachineBuilder b) {
        if (b.type().family() == MachineFamily.VIRT) {
            // ARM virt: fw_cfg is MMIO at 0x09020000 there; vmtrace models its items and files
            // (for the ACPI blobs and the firmware loader), not the MMIO region.
            FwCfgDevice dev = b.addDevice(new FwCfgDevice(FwCfgConfig.DEFAULT));
            dev.setDmaMemory(new RegionDmaMemory(b.memoryRoot()));
            return;
        }
        boolean dma = b.property(DMA_ENABLED);
        FwCfgConfig cfg = new FwCfgConfig((int) (long) b.property(FILE_SLOTS), dma,
                b.property(PcCompat.LEGACY_FW_CFG_ORDER));
        FwCfgDevice dev = b.addDevice(new FwCfgDevice(cfg));
        dev.setDmaMemory(new RegionDmaMemory(b.memoryRoot()));
        RegionSlot io = b.ioSlot("fwcfg");
        if (io == null) {
            b.mapIo(FwCfgRegisters.IO_BASE, dev.ioRegion(), 0);
        } else {
            io.replace(dev.ioRegion());
        }
        RegionSlot dmaSlot = b.ioSlot("fwcfg.dma");
        if (dma) {
            if (dmaSlot == null) {
                b.mapIo(FwCfgRegisters.DMA_BASE, dev.dmaRegion(), 0);
            } else {
                dmaSlot.replace(dev.dmaRegion());
            }
        } else if (dmaSlot != null) {
            dmaSlot.unmap();
        }
        PcFwCfgContent.addStandardItems(dev, b);
    }
}
