package dev.vmtrace.engine.acpi;

/**
 * How one machine type of one QEMU release sizes its ACPI blobs (devices.md 5.3, formats.md 7,
 * docs/acpi-blobs.md). Facts with their sources:
 *
 * <ul>
 *   <li>{@link Kind#LEGACY_FIXED}: pc-i440fx up to 2.0: the non-AML part of the tables plus
 *       {@code legacyBase} (6414 up to 1.7, 6652 for 2.0) plus 97 bytes per possible CPU,
 *       rounded up to 4 KiB (07fb61760cde "pc: hack for migration compatibility from QEMU 2.0");
 *   <li>{@link Kind#PADDED}: padded to a multiple of 0x20000 (every other PC machine type; ARM
 *       virt from QEMU 6.0, commit 428d687617 "acpi: Align the size to 128k", for every virt
 *       machine type, not versioned);
 *   <li>{@link Kind#UNPADDED}: ARM virt before QEMU 6.0: the exact table length.
 * </ul>
 *
 * @param name stable rule name, used in findings ({@code pc-legacy-fixed}, {@code pc-padded-128k},
 *     {@code virt-unpadded}, {@code virt-padded-128k})
 * @param kind the tables-blob rule
 * @param legacyBase the legacy AML size (LEGACY_FIXED only)
 * @param loaderPadded whether the loader script is padded to 4 KiB (PCs; not ARM virt)
 * @param rsdpInRam the RSDP is a RAM block (machine types from 2.3, and virt); else a 36-byte
 *     plain fw_cfg file
 * @param resizable blobs are resizable RAM blocks with a max length (QEMU releases from 2.3)
 * @param resizeNotifiesUnaligned a rebuild that changes the length within the same host page
 *     still updates the fw_cfg file size (QEMU 5.0, ce4adc0b6e "exec: Fix for qemu_ram_resize()
 *     callback"); before, the directory kept the stale size: the seed-004 failure
 * @param acpiMrRestore fw_cfg migrates the three region sizes ({@code fw_cfg/acpi_mr}; machine
 *     types from 5.0 on releases from 5.0, 394f0f72fd)
 * @param source where the facts come from
 */
public record AcpiSizingRule(String name, Kind kind, int legacyBase, boolean loaderPadded, boolean rsdpInRam,
                             boolean resizable, boolean resizeNotifiesUnaligned, boolean acpiMrRestore, String source) {
    /** Tables-blob padding rule. */
    public enum Kind {
        /** Fixed legacy size. */
        LEGACY_FIXED,
        /** Padded to 0x20000. */
        PADDED,
        /** Exact length. */
        UNPADDED
    }

    /** The padding unit of {@link Kind#PADDED} ({@code ACPI_BUILD_TABLE_SIZE}). */
    public static final int TABLE_PAD = 0x20000;
    /** The loader padding unit and host page size ({@code ACPI_BUILD_ALIGN_SIZE}). */
    public static final int ALIGN = 0x1000;
    /** Legacy AML bytes per possible CPU ({@code ACPI_BUILD_LEGACY_CPU_AML_SIZE}). */
    public static final int LEGACY_CPU_AML = 97;
    /** Max length of the tables RAM block. */
    public static final long TABLES_MAX = 0x200000;
    /** Max length of the loader RAM block. */
    public static final long LOADER_MAX = 0x10000;
    /** Max length of the RSDP RAM block. */
    public static final long RSDP_MAX = 0x1000;
    /** Size of the plain-file RSDP of machine types up to 2.2. */
    public static final int RSDP_FILE_SIZE = 36;

    /** The padded tables length for a build with {@code length} bytes of which {@code amlLength} are AML. */
    public int tablesLength(int length, int amlLength, int apicIdLimit) {
        switch (kind) {
            case LEGACY_FIXED:
                // QEMU warns when the real tables are bigger ("ACPI table size %u exceeds %d bytes,
                // migration may not work") and sets the size anyway: the blob is cut.
                return roundUp(length - amlLength + legacyBase + LEGACY_CPU_AML * apicIdLimit, ALIGN);
            case PADDED:
                return roundUp(length, TABLE_PAD);
            default:
                return length;
        }
    }

    /** The loader length for a script of {@code length} bytes. */
    public int loaderLength(int length) {
        return loaderPadded ? roundUp(length, ALIGN) : length;
    }

    /** Rounds up to a multiple of {@code unit}. */
    public static int roundUp(int v, int unit) {
        return (v + unit - 1) / unit * unit;
    }
}
