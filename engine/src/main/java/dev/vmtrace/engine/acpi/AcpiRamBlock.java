package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.devices.fwcfg.FwCfgItem;

/**
 * A ROM blob backed by a RAM block (QEMU's {@code rom_add_blob} with a resize hook): the region
 * size (exact), the block's used length (rounded to the host page) and max length, and the fw_cfg
 * file that exposes it. {@link #resize} plays {@code memory_region_ram_resize}: the fw_cfg size
 * follows the region only when the release notifies unaligned changes, or when the used length
 * itself changes.
 */
final class AcpiRamBlock {
    private final String file;
    private final long maxLength;
    private final boolean resizable;
    private final FwCfgItem item;
    private long usedLength;
    private long regionSize;

    AcpiRamBlock(String file, byte[] data, long maxLength, boolean resizable, FwCfgItem item) {
        this.file = file;
        this.item = item;
        this.regionSize = data.length;
        this.usedLength = AcpiSizingRule.roundUp(data.length, AcpiSizingRule.ALIGN);
        this.resizable = resizable;
        this.maxLength = resizable ? Math.max(maxLength, usedLength) : usedLength;
    }

    String file() {
        return file;
    }

    long regionSize() {
        return regionSize;
    }

    FwCfgItem item() {
        return item;
    }

    RamBlockInfo info() {
        return new RamBlockInfo(AcpiFiles.ramBlockName(file), usedLength, maxLength, resizable);
    }

    /**
     * Puts {@code data} into the block (QEMU's {@code acpi_ram_update}).
     *
     * @param notifyUnaligned the release tells the resize hook about size changes within a page
     * @return null, or a reason when the block cannot take the data ("Size too large")
     */
    String resize(byte[] data, boolean notifyUnaligned) {
        long aligned = AcpiSizingRule.roundUp(data.length, AcpiSizingRule.ALIGN);
        if (!resizable) {
            // A fixed block keeps its size; the copy fills what fits.
            item.replace(fit(data, item.size()));
            return aligned == usedLength ? null : "fixed RAM block " + AcpiFiles.ramBlockName(file) + " cannot change size";
        }
        if (aligned > maxLength) {
            return "Size too large: " + AcpiFiles.ramBlockName(file) + ": 0x" + Long.toHexString(aligned)
                    + " > 0x" + Long.toHexString(maxLength);
        }
        if (aligned == usedLength && !notifyUnaligned) {
            // The region size changes but nobody tells fw_cfg: the directory keeps the old size
            // and the guest reads the first (old size) bytes of the new contents.
            regionSize = data.length;
            item.replace(fit(data, item.size()));
            return null;
        }
        usedLength = aligned;
        regionSize = data.length;
        item.replace(data);
        return null;
    }

    /** Sets the region size from a migration (within the max; the RAM contents follow separately). */
    void restoreSize(long size) {
        long aligned = AcpiSizingRule.roundUp((int) size, AcpiSizingRule.ALIGN);
        if (size < 0 || aligned > maxLength) {
            throw new IllegalArgumentException("Size too large: " + AcpiFiles.ramBlockName(file) + ": 0x"
                    + Long.toHexString(aligned) + " > 0x" + Long.toHexString(maxLength));
        }
        usedLength = aligned;
        regionSize = size;
        item.replace(fit(item.bytes(), (int) size));
    }

    private static byte[] fit(byte[] data, int size) {
        byte[] out = new byte[size];
        System.arraycopy(data, 0, out, 0, Math.min(size, data.length));
        return out;
    }
}
