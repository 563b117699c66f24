package dev.vmtrace.trace;

/** Whether an access reads or writes. */
public enum Direction {
    READ,
    WRITE
}
