package dev.vmtrace.engine.machine;

/**
 * How strictly a region's guest-valid sizes are enforced (devices.md section 1.6).
 */
public enum AccessPolicy {
    /**
     * QEMU 5.1 and later (5d971f9e6725, the revert of a014ed07bd5a): accepts once for the whole
     * access, then alignment, then "max 0 means all valid", then the min/max range.
     */
    STRICT,
    /**
     * QEMU 1.6 to 5.0 (a014ed07bd5a): alignment, then the valid sizes are consulted only to split
     * calls of an {@code accepts} callback; without one every aligned size is valid.
     */
    LENIENT
}
