package dev.vmtrace.engine.acpi;

/**
 * A PCI Express MMCONFIG (ECAM) window as the tables describe it: the MCFG allocation entry
 * (segment 0, buses 0 to {@link #lastBus()}) and, on q35, the DSDT's DRAM controller resource.
 *
 * @param base guest-physical base of the window
 * @param size window size, a power of two from 1 MiB (one bus) to 256 MiB (256 buses)
 */
public record PciMmconfig(long base, long size) {
    /** One bus takes 1 MiB of the window (32 devices x 8 functions x 4 KiB). */
    public static final int BUS_SHIFT = 20;

    /** Validates the size. */
    public PciMmconfig {
        if (Long.bitCount(size) != 1 || size < (1L << BUS_SHIFT) || size > (256L << BUS_SHIFT)) {
            throw new IllegalArgumentException("MMCONFIG size 0x" + Long.toHexString(size)
                    + " is not a power of two from 1 MiB to 256 MiB");
        }
        if (base < 0 || base + size - 1 < base) {
            throw new IllegalArgumentException("MMCONFIG window 0x" + Long.toHexString(base) + " wraps");
        }
    }

    /** The last bus the window decodes ({@code size / 1 MiB - 1}). */
    public int lastBus() {
        return (int) (((size - 1) >>> BUS_SHIFT) & 0xff);
    }

    /** The window's last byte. */
    public long end() {
        return base + size - 1;
    }
}
