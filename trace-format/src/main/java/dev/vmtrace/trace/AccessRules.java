package dev.vmtrace.trace;

/**
 * Summary of a region's access-size rules, as QEMU's memory API declares them: the sizes the
 * guest may use ({@code valid}) and the sizes the handler implements ({@code impl}), in bytes.
 * A {@code validMax} of 0 means "any size" (QEMU's convention).
 */
public record AccessRules(int validMin, int validMax, int implMin, int implMax, boolean unaligned) {
    public AccessRules {
        if (validMin < 0 || validMax < 0 || implMin < 1 || implMax < implMin || implMax > 8) {
            throw new IllegalArgumentException("bad access rules " + validMin + ".." + validMax
                    + " impl " + implMin + ".." + implMax);
        }
    }

    /** True when a guest access of {@code size} bytes passes the valid size check. */
    public boolean validSize(int size) {
        return validMax == 0 || (size >= validMin && size <= validMax);
    }
}
