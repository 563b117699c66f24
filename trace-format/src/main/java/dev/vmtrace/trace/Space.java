package dev.vmtrace.trace;

/** The address space an access goes to. */
public enum Space {
    /** x86 port I/O. */
    IO,
    /** Memory-mapped I/O and RAM. */
    MEMORY
}
