package dev.vmtrace.replay;

import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.trace.CpuSyncKind;
import java.util.Objects;

/**
 * One register the hypervisor holds wrongly after a put, found by replaying a trace's
 * {@link dev.vmtrace.trace.CpuSync} events under a {@link SyncPolicy}, as data.
 *
 * @param kind {@link DivergenceKind#LOST_WRITE}, {@link DivergenceKind#RESET_CLOBBERED} or
 *     {@link DivergenceKind#REGISTER_REFUSED}
 * @param seq the trace event (a put) after which the hypervisor holds the wrong value
 * @param vcpu the vCPU
 * @param register the register's name ({@code ESR_EL1})
 * @param kvmIndex the register's KVM id
 * @param expected what the hypervisor must hold by the sync contract (for a refused value: what it kept)
 * @param actual what it holds under the policy (for a refused value: the value it refused)
 * @param causeSeq the trace event that set the expected value (the debugger write, the reset);
 *     for a refused value the put itself
 * @param cause that event's kind
 * @param policy the policy replayed
 */
public record SyncDivergence(DivergenceKind kind, long seq, int vcpu, String register, long kvmIndex, long expected,
                             long actual, long causeSeq, CpuSyncKind cause, SyncPolicy policy) {
    public SyncDivergence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(policy, "policy");
    }

    /** The same finding as a replay {@link Divergence} (region = {@code cpu N REGISTER}). */
    public Divergence toDivergence() {
        String where = "cpu " + vcpu + " " + register;
        String message;
        if (kind == DivergenceKind.REGISTER_REFUSED) {
            message = String.format("%s: put at #%d: the hypervisor refused 0x%x (invariant register, keeps 0x%x); "
                    + "policy %s (%s)", where, seq, actual, expected, policy, policy.source());
        } else {
            message = String.format("%s: after the put at #%d the hypervisor holds 0x%x, expected 0x%x from the %s at "
                    + "#%d; policy %s (%s)", where, seq, actual, expected, causeText(), causeSeq, policy, policy.source());
        }
        return new Divergence(kind, seq, where, message, hex(expected), hex(actual));
    }

    /** {@code debugger write}, {@code reset}... */
    public String causeText() {
        return cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
