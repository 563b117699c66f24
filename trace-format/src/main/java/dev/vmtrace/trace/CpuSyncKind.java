package dev.vmtrace.trace;

/**
 * What a {@link CpuSync} event did to an ARM vCPU's system registers. The wire code of each kind
 * is fixed (docs/trace-format.md section 4.2); never reorder.
 */
public enum CpuSyncKind {
    /** The guest wrote a register while running in the hypervisor (register and value). */
    GUEST_WRITE(0, true),
    /** kvm_arch_get_registers: the hypervisor's list copied into the emulator's CPU state. */
    GET(1, false),
    /** kvm_arch_put_registers: (per policy) CPU state back into the list, then the list to the hypervisor. */
    PUT(2, false),
    /** vCPU reset: the hypervisor resets and the list takes its values. */
    RESET(3, false),
    /** Emulator code (the gdbstub) stored into a CPU state field (register and value). */
    DEBUGGER_WRITE(4, true);

    private static final CpuSyncKind[] BY_CODE = values();

    private final int code;
    private final boolean hasRegister;

    CpuSyncKind(int code, boolean hasRegister) {
        this.code = code;
        this.hasRegister = hasRegister;
    }

    /** The byte stored in the chunk encoding. */
    public int code() {
        return code;
    }

    /** Whether events of this kind carry a register id and a value (the writes). */
    public boolean hasRegister() {
        return hasRegister;
    }

    /** The kind with wire code {@code code}, or null when there is none. */
    public static CpuSyncKind ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
