package dev.vmtrace.engine.cpu.arm;

/**
 * How a system register answers a raw write coming from the (index, value) list. This is what
 * makes copying the list into the emulator's CPU state lossy.
 */
public enum CpRegKind {
    /** A raw write stores the value; a raw read returns it. */
    NORMAL,
    /** A constant (ARM_CP_CONST-like): raw reads give the reset value, raw writes are ignored. */
    CONSTANT,
    /** Some bits are read-only: a raw write changes only the bits in the writable mask. */
    PARTLY_READ_ONLY,
    /** No raw access (ARM_CP_NO_RAW-like): skipped by every list sync. Not in the list at all. */
    NO_RAW
}
