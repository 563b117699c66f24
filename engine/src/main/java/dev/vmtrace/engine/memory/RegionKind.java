package dev.vmtrace.engine.memory;

/** What a region is; decides how the dispatcher treats it and how outcomes label it. */
public enum RegionKind {
    /** A modeled device region with a handler. */
    DEVICE,
    /** A region QEMU has whose behaviour the engine does not model (right shape, value 0). */
    UNMODELED,
    /** The I/O root: unassigned ports read all ones and ignore writes. */
    UNASSIGNED_IO,
    /** Unassigned memory: refuses every access (reads 0). */
    UNASSIGNED_MEMORY,
    /** Guest RAM: accessed directly, never split by access rules. */
    RAM,
    /** ROM: read directly (contents not modeled), writes ignored. */
    ROM,
    /**
     * A ROM device (QEMU's {@code romd} regions, such as the CFI flash): while in ROM mode reads
     * come straight from its storage without a callback, as for ROM; otherwise reads, and writes
     * always, go through its handler.
     */
    ROM_DEVICE,
    /** A pure container: only its subregions answer. */
    CONTAINER,
    /** A window onto part of another region. */
    ALIAS
}
