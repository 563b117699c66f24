package dev.vmtrace.engine.memory;

/**
 * The byte order of a region's registers. {@link #NATIVE} follows the target, which on x86 is
 * little-endian; it is kept distinct so region maps read like QEMU's declarations.
 */
public enum Endianness {
    LITTLE,
    BIG,
    NATIVE;

    /** True when pieces are combined most-significant first (x86: only {@link #BIG}). */
    public boolean isBig() {
        return this == BIG;
    }
}
