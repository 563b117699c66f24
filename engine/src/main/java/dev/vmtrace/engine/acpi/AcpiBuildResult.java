package dev.vmtrace.engine.acpi;

import java.util.List;

/**
 * One build of the ACPI blobs, before sizing (padding) is applied.
 *
 * @param tables the tables blob, unpadded
 * @param rsdp the RSDP blob
 * @param loader the linker/loader script, real entries only (sizing pads it)
 * @param amlLength bytes of AML tables (DSDT and SSDTs), for the legacy sizing rule
 * @param signatures table signatures in blob order, with their offsets and lengths
 * @param extraFiles other files the script allocates (the NVDIMM DSM page), by name and size
 */
public record AcpiBuildResult(Blob tables, Blob rsdp, Blob loader, int amlLength, List<TableInfo> signatures,
                              List<ExtraFile> extraFiles) {
    /** Copies the lists. */
    public AcpiBuildResult {
        signatures = List.copyOf(signatures);
        extraFiles = List.copyOf(extraFiles);
    }

    /** A blob's bytes (immutable view). */
    public record Blob(byte[] bytes) {
        /** Copies. */
        public Blob {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** Length in bytes. */
        public int length() {
            return bytes.length;
        }
    }

    /**
     * A table in the blob.
     *
     * @param signature the four-character signature
     * @param offset where it starts in {@code etc/acpi/tables}
     * @param length its length
     */
    public record TableInfo(String signature, int offset, int length) {
    }

    /**
     * A further fw_cfg file the script references.
     *
     * @param name fw_cfg file name
     * @param size its size
     */
    public record ExtraFile(String name, int size) {
    }
}
