package dev.vmtrace.engine.memory;

/** The two x86 address spaces a guest access can target. */
public enum Space {
    /** The 64 KiB port I/O space ({@code in}/{@code out}). */
    IO,
    /** The physical memory space (RAM, ROM and MMIO). */
    MEMORY
}
