package dev.vmtrace.engine.memory;

/** Whether a guest access reads or writes. */
public enum Direction {
    READ,
    WRITE
}
