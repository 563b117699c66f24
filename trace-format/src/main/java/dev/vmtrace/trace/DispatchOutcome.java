package dev.vmtrace.trace;

/** What happened to (a part of) a guest access at the device level. */
public enum DispatchOutcome {
    /** Delivered whole to the region's handler. */
    DELIVERED,
    /** One piece of an access the memory core split (impl max or alignment). */
    SPLIT_PART,
    /** Delivered widened to the region's impl min. */
    WIDENED,
    /** Rejected by the valid checks; the handler never ran. */
    DROPPED,
    /** No region at that address (reads all ones, writes vanish). */
    UNASSIGNED,
    /** A region exists but vmtrace has no model for it. */
    UNMODELED
}
