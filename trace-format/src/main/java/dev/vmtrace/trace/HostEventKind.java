package dev.vmtrace.trace;

/** Kinds of host-side events; the meaning of {@link HostEvent#argument()} is given per kind. */
public enum HostEventKind {
    /** A CPU was hot-added; argument: CPU index. */
    CPU_HOT_ADD,
    /** A CPU was hot-removed; argument: CPU index. */
    CPU_HOT_REMOVE,
    /** A PCI device was hot-added; argument: bus number << 8 | devfn. */
    PCI_HOT_ADD,
    /** A PCI device was hot-removed; argument: bus number << 8 | devfn. */
    PCI_HOT_REMOVE,
    /** System reset; argument unused (0). */
    RESET,
    /** A point where the machine was (or could be) migrated; argument: marker number. */
    MIGRATION_POINT,
    /** The virtual clock advanced; argument: nanoseconds stepped. */
    CLOCK_STEP,
    /** The virtual clock was set; argument: the new time in nanoseconds. */
    CLOCK_SET
}
