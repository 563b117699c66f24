package dev.vmtrace.replay;

import dev.vmtrace.engine.cpu.arm.ArmCpu;
import dev.vmtrace.engine.cpu.arm.CpRegSet;
import dev.vmtrace.trace.CpuSync;
import dev.vmtrace.trace.CpuSyncKind;
import java.util.List;

/**
 * What the hypervisor must hold after each put, whatever the sync policy: a value the guest wrote
 * stays; a value emulator code wrote reaches the hypervisor; after a reset, the hypervisor's reset
 * values. Only registers a debugger write or a reset named since the last put are checked: the
 * others are whatever the guest left, and no policy may change them.
 */
final class SyncContract {
    private final ArmCpu cpu;
    private final int vcpu;
    private final long[] hostReset;
    private final long[] intended;
    /** Per list position: the event that set the intended value, or null when none since the last put. */
    private final CpuSync[] cause;

    SyncContract(ArmCpu cpu, int vcpu) {
        this.cpu = cpu;
        this.vcpu = vcpu;
        this.hostReset = cpu.hypervisor().snapshot();
        this.intended = cpu.hypervisor().snapshot();
        this.cause = new CpuSync[intended.length];
    }

    /** Before the step runs: a debugger write or a reset sets what the next put must deliver. */
    void before(CpuSync e, int position) {
        if (e.kind() == CpuSyncKind.DEBUGGER_WRITE) {
            intended[position] = e.value();
            cause[position] = e;
        } else if (e.kind() == CpuSyncKind.RESET) {
            System.arraycopy(hostReset, 0, intended, 0, intended.length);
            java.util.Arrays.fill(cause, e);
        }
    }

    /** After the step ran: a guest write is what the register now is; a put is checked. */
    void after(CpuSync e, int position, List<SyncDivergence> out) {
        if (e.kind() == CpuSyncKind.GUEST_WRITE) {
            intended[position] = cpu.hypervisor().get(position);
            cause[position] = null;
        } else if (e.kind() == CpuSyncKind.PUT) {
            CpRegSet set = cpu.registers();
            for (int i = 0; i < intended.length; i++) {
                long actual = cpu.hypervisor().get(i);
                CpuSync c = cause[i];
                if (c == null || actual == intended[i]) {
                    continue;
                }
                DivergenceKind kind = c.kind() == CpuSyncKind.DEBUGGER_WRITE ? DivergenceKind.LOST_WRITE
                        : DivergenceKind.RESET_CLOBBERED;
                out.add(new SyncDivergence(kind, e.seq(), vcpu, set.get(i).name(), set.get(i).kvmIndex(), intended[i],
                        actual, c.seq(), c.kind(), cpu.policy()));
            }
            java.util.Arrays.fill(cause, null);
        }
    }
}
