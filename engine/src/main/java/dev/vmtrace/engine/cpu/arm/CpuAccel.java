package dev.vmtrace.engine.cpu.arm;

/** Which side holds the authoritative register values when migrated state is applied. */
public enum CpuAccel {
    /** The emulator's CPU state (values must stick on raw write). */
    TCG,
    /** The hypervisor (values must be accepted by SET_ONE_REG). */
    KVM
}
