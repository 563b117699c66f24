package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.machine.Release;
import java.util.List;
import java.util.Objects;

/**
 * The ACPI blob sizes of one machine type, release and configuration.
 *
 * @param machineType the machine type name
 * @param release the QEMU release
 * @param rule the rule that decided (its {@code name()} is the stable rule name for findings)
 * @param rawTablesLength the unpadded length of the tables
 * @param blobs tables, loader and RSDP, in that order
 */
public record AcpiBlobSizes(String machineType, Release release, AcpiSizingRule rule, int rawTablesLength,
                            List<BlobSize> blobs) {
    /** Copies. */
    public AcpiBlobSizes {
        Objects.requireNonNull(rule, "rule");
        blobs = List.copyOf(blobs);
    }

    /**
     * One blob.
     *
     * @param file the fw_cfg file name
     * @param ramBlock the RAM block id, or null when the blob is a plain fw_cfg file (RSDP up to 2.2)
     * @param fwCfgSize the file size in the fw_cfg directory
     * @param usedLength the RAM block used length (0 without a block)
     * @param maxLength the RAM block max length (0 without a block)
     */
    public record BlobSize(String file, String ramBlock, int fwCfgSize, long usedLength, long maxLength) {
    }

    /** The blob of fw_cfg file {@code file}, or null. */
    public BlobSize blob(String file) {
        for (BlobSize b : blobs) {
            if (b.file().equals(file)) {
                return b;
            }
        }
        return null;
    }
}
