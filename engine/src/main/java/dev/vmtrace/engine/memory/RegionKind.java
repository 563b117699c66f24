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
    /** A pure container: only its subregions answer. */
    CONTAINER,
    /** A window onto part of another region. */
    ALIAS
}
