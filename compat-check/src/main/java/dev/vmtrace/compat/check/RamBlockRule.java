package dev.vmtrace.compat.check;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a RAM block can be resized on load, and up to what, under a destination machine type
 * (formats.md section 7, devices.md section 5.3). The ACPI blobs are resizable RAM blocks in QEMU
 * 2.3 and later (tables up to 2 MiB, loader up to 64 KiB, RSDP up to 4 KiB; the RSDP is a RAM
 * block only for machine types from 2.3 on); every other block ({@code pc.ram}, {@code pc.bios},
 * {@code pc.rom}, option ROMs, NVDIMM and PCI BARs) has a fixed size.
 *
 * @param name a stable rule name, quoted in findings' evidence
 * @param resizable whether the destination resizes the block to the incoming used length
 * @param maxLength the destination's maximum for resizable blocks, else -1
 * @param explanation the rule in one sentence
 */
public record RamBlockRule(String name, boolean resizable, long maxLength, String explanation) {
    public static final String ACPI_TABLES = "/rom@etc/acpi/tables";
    public static final String ACPI_LOADER = "/rom@etc/table-loader";
    public static final String ACPI_RSDP = "/rom@etc/acpi/rsdp";
    /** ACPI_BUILD_TABLE_SIZE: the padding unit of the tables blob from machine type 2.1 on. */
    public static final long TABLE_PADDING = 0x20000;

    private static final Pattern VERSIONED = Pattern.compile("pc-(?:i440fx|q35)-(\\d+)\\.(\\d+)");

    /** The rule for block {@code id} on a destination running {@code machineType} (null = current). */
    public static RamBlockRule of(String id, String machineType) {
        return of(id, machineType, null);
    }

    /**
     * The rule for block {@code id} on a destination running {@code machineType} under QEMU
     * {@code release} ("2.2", "7.2.22"; null = a current release).
     */
    public static RamBlockRule of(String id, String machineType, String release) {
        int r = releaseVersion(release);
        if (r >= 0 && r < 203 && (id.equals(ACPI_TABLES) || id.equals(ACPI_LOADER) || id.equals(ACPI_RSDP))) {
            return new RamBlockRule("acpi-fixed-before-2.3", false, -1,
                    "QEMU " + release + " predates resizable RAM blocks (2.3): ACPI blobs have a fixed size");
        }
        switch (id) {
            case ACPI_TABLES:
                return new RamBlockRule("acpi-tables-resizable", true, 0x200000,
                        "ACPI tables are a resizable RAM block (QEMU >= 2.3), max 0x200000");
            case ACPI_LOADER:
                return new RamBlockRule("acpi-loader-resizable", true, 0x10000,
                        "the ACPI table-loader is a resizable RAM block (QEMU >= 2.3), max 0x10000");
            case ACPI_RSDP:
                return new RamBlockRule("acpi-rsdp-resizable", true, 0x1000,
                        "the RSDP is a resizable RAM block (machine types >= 2.3), max 0x1000");
            default:
                return new RamBlockRule("fixed-size", false, -1,
                        id + " has a fixed size (main RAM, firmware, option ROMs are never resized)");
        }
    }

    /** A release "X.Y[.Z]" as X*100+Y, or -1 when null or not a release. */
    public static int releaseVersion(String release) {
        if (release == null) {
            return -1;
        }
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)?").matcher(release);
        return m.matches() ? Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)) : -1;
    }

    /** Machine type version as major*100+minor, or -1 when not a versioned PC machine type. */
    public static int version(String machineType) {
        if (machineType == null) {
            return -1;
        }
        Matcher m = VERSIONED.matcher(machineType);
        return m.matches() ? Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)) : -1;
    }

    /** True for pc-i440fx-1.x and 2.0, which size ACPI tables by possible CPUs without padding. */
    public static boolean legacyAcpiSizing(String machineType) {
        int v = version(machineType);
        return machineType != null && machineType.startsWith("pc-i440fx-") && v >= 0 && v <= 200;
    }
}
