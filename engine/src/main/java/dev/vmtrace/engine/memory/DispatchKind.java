package dev.vmtrace.engine.memory;

/** What became of one device-level piece of a guest access. */
public enum DispatchKind {
    /** The whole guest access reached the handler in one callback of the guest's size. */
    DELIVERED,
    /** One of several callbacks a split access became (buffer-path piece or impl split). */
    SPLIT_PART,
    /** A narrow access widened to the region's impl min at the original offset. */
    WIDENED,
    /** Refused by the validity check: writes dropped, reads give 0; no callback ran. */
    DROPPED,
    /** No device claims the address: the I/O root ({@code io}) answered with all ones. */
    UNASSIGNED,
    /** A region that exists in QEMU but whose behaviour the engine does not model. */
    UNMODELED
}
