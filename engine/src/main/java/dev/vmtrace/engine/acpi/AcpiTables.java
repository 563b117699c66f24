package dev.vmtrace.engine.acpi;

import java.util.List;

/**
 * Table framing shared by the PC and ARM builders: the 36-byte system description header, the
 * checksum command that finishes a table, RSDT/XSDT and the RSDP.
 */
final class AcpiTables {
    private AcpiTables() {
    }

    static final String OEM_ID = "BOCHS ";
    static final String OEM_TABLE_ID = "BXPC";
    static final int HEADER = 36;

    /** Appends a header with a zero length; returns the table's start offset. */
    static int begin(AcpiBlob b, String signature, int revision) {
        int start = b.length();
        b.ascii(signature, 4).le(0, 4).u8(revision).u8(0).ascii(OEM_ID, 6).ascii(OEM_TABLE_ID, 8)
                .le(1, 4).ascii("BXPC", 4).le(1, 4);
        return start;
    }

    /** Sets the length and adds the checksum command over the table. */
    static void end(AcpiBlob b, BiosLinker linker, int start) {
        int length = b.length() - start;
        b.setLe(start + 4, length, 4);
        linker.addChecksum(AcpiFiles.TABLES, start, length, start + 9);
    }

    /** Zero-fills the table that starts at {@code start} to {@code length} bytes (fixed-size tables). */
    static void padTo(AcpiBlob b, int start, int length) {
        int have = b.length() - start;
        if (have > length) {
            throw new IllegalStateException("table at " + start + " is " + have + " bytes, more than " + length);
        }
        b.zeros(length - have);
    }

    /** A table of {@code header + body}. */
    static void simple(AcpiBlob b, BiosLinker linker, String sig, int rev, byte[] body) {
        int start = begin(b, sig, rev);
        b.bytes(body);
        end(b, linker, start);
    }

    /** An AML table (DSDT, SSDT); returns its start. */
    static int aml(AcpiBlob b, BiosLinker linker, String sig, int rev, Aml body) {
        int start = begin(b, sig, rev);
        b.bytes(body.toBytes());
        end(b, linker, start);
        return start;
    }

    /** RSDT (32-bit entries) or XSDT (64-bit) pointing at {@code offsets}; returns its start. */
    static int rootTable(AcpiBlob b, BiosLinker linker, List<Integer> offsets, boolean xsdt) {
        int width = xsdt ? 8 : 4;
        int start = begin(b, xsdt ? "XSDT" : "RSDT", 1);
        for (int off : offsets) {
            int field = b.length();
            b.le(0, width);
            linker.addPointer(AcpiFiles.TABLES, field, width, AcpiFiles.TABLES, off);
        }
        end(b, linker, start);
        return start;
    }

    /**
     * The RSDP in its own blob (FSEG on PCs): revision 0 (20 bytes, RSDT) or 2 (36 bytes, XSDT,
     * extended checksum).
     */
    static AcpiBlob rsdp(BiosLinker linker, int rootOffset, boolean rev2, boolean fseg) {
        AcpiBlob r = new AcpiBlob();
        r.ascii("RSD PTR ", 8).u8(0).ascii(OEM_ID, 6).u8(rev2 ? 2 : 0).le(0, 4);
        if (rev2) {
            r.le(36, 4).le(0, 8).u8(0).zeros(3);
        }
        linker.allocate(AcpiFiles.RSDP, r, 16, fseg);
        if (rev2) {
            linker.addPointer(AcpiFiles.RSDP, 24, 8, AcpiFiles.TABLES, rootOffset);
        } else {
            linker.addPointer(AcpiFiles.RSDP, 16, 4, AcpiFiles.TABLES, rootOffset);
        }
        linker.addChecksum(AcpiFiles.RSDP, 0, 20, 8);
        if (rev2) {
            linker.addChecksum(AcpiFiles.RSDP, 0, 36, 32);
        }
        return r;
    }

    /** NFIT (hw/acpi/nvdimm.c layout sizes): SPA range (56), memory device map (48) and control region (80) per NVDIMM. */
    static void nfit(AcpiBlob b, BiosLinker linker, int nvdimms, long baseAddress, long size) {
        int start = begin(b, "NFIT", 1);
        b.le(0, 4);
        for (int i = 0; i < nvdimms; i++) {
            // SPA range: type 0, length 56, index, flags, reserved, proximity, GUID, base, length, attributes
            b.le(0, 2).le(56, 2).le(i + 1, 2).le(0, 2).le(0, 4).le(0, 4)
                    .le(0x4f940573L, 4).le(0xaf33dafdL, 4).le(0x86d86a33L, 4).le(0xdb3db1a4L, 4)
                    .le(baseAddress + i * size, 8).le(size, 8).le(0x8008, 8);
            // memory device to SPA map: type 1, length 48
            b.le(1, 2).le(48, 2).le(0x8000 + i, 4).le(0, 2).le(i + 1, 2).le(i + 1, 2).le(0, 2)
                    .le(size, 8).le(0, 8).le(0, 8).le(0, 2).le(0, 2).le(0, 4);
            // NVDIMM control region: type 4, length 80
            b.le(4, 2).le(80, 2).le(i + 1, 2).le(0x8086, 2).le(0x0001, 2).le(1, 2).le(0, 2).le(0, 2)
                    .zeros(6).le(0x8086, 2).le(0x8000 + i, 4).le(0x0301, 2).zeros(50);
        }
        end(b, linker, start);
    }
}
