package dev.vmtrace.engine.cpu.arm;

/**
 * What one register did during a sync operation, as data for traces and reports: the
 * operation, the register, the value before and after, and whether the step succeeded.
 */
public record SyncEvent(Op op, String register, long before, long after, boolean ok, String note) {
    /** The sync operations and emulator-side writes. */
    public enum Op { GET, PUT, RESET, DEBUGGER_WRITE, GUEST_WRITE, LIST_TO_STATE_MISMATCH, KVM_SET_REFUSED }
}
