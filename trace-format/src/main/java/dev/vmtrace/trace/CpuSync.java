package dev.vmtrace.trace;

import java.util.Objects;

/**
 * One step of ARM vCPU system-register synchronisation between the hypervisor's register list and
 * the emulator's CPU state: a guest or debugger write of one register, or a whole-vCPU get, put
 * or reset. Replaying these steps under another sync policy shows where a value is lost.
 *
 * @param vcpu the vCPU index
 * @param kind what happened
 * @param register the 64-bit KVM register id ({@code 0x6030000000130000 | op0<<14 | op1<<11 |
 *     CRn<<7 | CRm<<3 | op2} for AArch64 system registers) for writes; 0 for get, put and reset
 * @param value the value written, for writes; 0 for get, put and reset
 */
public record CpuSync(long seq, long time, int vcpu, CpuSyncKind kind, long register, long value)
        implements TraceEvent {
    /** Largest vCPU index a trace may hold (a reader rejects larger ones as malformed). */
    public static final int MAX_VCPU = 65_535;

    public CpuSync {
        Objects.requireNonNull(kind, "kind");
        if (vcpu < 0 || vcpu > MAX_VCPU) {
            throw new IllegalArgumentException("vCPU index must be 0.." + MAX_VCPU + ": " + vcpu);
        }
        if (!kind.hasRegister() && (register != 0 || value != 0)) {
            throw new IllegalArgumentException(kind + " concerns the whole vCPU: register and value must be 0");
        }
    }

    /** A get, put or reset of vCPU {@code vcpu}. */
    public static CpuSync whole(long time, int vcpu, CpuSyncKind kind) {
        return new CpuSync(0, time, vcpu, kind, 0, 0);
    }

    @Override
    public EventType type() {
        return EventType.CPU_SYNC;
    }
}
