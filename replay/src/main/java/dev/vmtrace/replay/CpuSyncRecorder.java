package dev.vmtrace.replay;

import dev.vmtrace.engine.cpu.arm.ArmCpu;
import dev.vmtrace.engine.cpu.arm.CpRegDef;
import dev.vmtrace.engine.cpu.arm.CpRegSet;
import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.trace.CpuSync;
import dev.vmtrace.trace.CpuSyncKind;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.util.Map;

/**
 * Records an ARM vCPU's register synchronisation into a trace: each step runs on the
 * {@link ArmCpu} and is appended as one {@link CpuSync} event (guest and debugger writes with the
 * register's KVM id and the value; get, put and reset for the whole vCPU). The trace keeps the
 * steps, not what the recording policy made of them, so {@link CpuSyncReplayer} can judge any
 * policy from it.
 */
public final class CpuSyncRecorder {
    /** Header option: the trace holds ARM vCPU sync steps ({@code 1}); replay them with {@link CpuSyncReplayer}. */
    public static final String OPT_CPU_SYNC = "cpu-sync";
    /** Header option: the CPU model whose register set the ids refer to. */
    public static final String OPT_CPU = "cpu";
    /** Header option: the sync policy the steps ran under while recording (informative). */
    public static final String OPT_SYNC_POLICY = "sync-policy";
    /** The only CPU model modelled so far ({@link CpRegSet#cortexA57()}). */
    public static final String CORTEX_A57 = "cortex-a57";

    private final TraceWriter w;
    private final ArmCpu cpu;
    private final int vcpu;

    /** A recorder of {@code cpu}, vCPU index {@code vcpu}, into {@code w}. */
    public CpuSyncRecorder(TraceWriter w, ArmCpu cpu, int vcpu) {
        if (vcpu < 0 || vcpu > CpuSync.MAX_VCPU) {
            throw new IllegalArgumentException("vCPU index " + vcpu);
        }
        this.w = w;
        this.cpu = cpu;
        this.vcpu = vcpu;
    }

    /**
     * The header of a sync trace: machine type {@code machine} (e.g. {@code virt-7.2}) under KVM,
     * release {@code release}, a Cortex-A57 register set, {@code policy} as the recording policy.
     */
    public static TraceHeader header(String creator, String machine, String release, SyncPolicy policy) {
        return TraceHeader.of(creator, machine, release, "kvm", 1,
                Map.of(OPT_CPU_SYNC, "1", OPT_CPU, CORTEX_A57, OPT_SYNC_POLICY, policy.name()));
    }

    /** The guest writes {@code register}; returns the event's seq. */
    public long guestWrite(String register, long value) throws IOException {
        long id = id(register);
        cpu.guestWrite(register, value);
        return w.append(new CpuSync(0, 0, vcpu, CpuSyncKind.GUEST_WRITE, id, value));
    }

    /** Emulator code stores {@code value} into the CPU state field of {@code register}; returns the seq. */
    public long debuggerWrite(String register, long value) throws IOException {
        long id = id(register);
        cpu.debuggerWrite(register, value);
        return w.append(new CpuSync(0, 0, vcpu, CpuSyncKind.DEBUGGER_WRITE, id, value));
    }

    /** kvm_arch_get_registers; returns the seq. */
    public long get() throws IOException {
        cpu.get();
        return w.append(CpuSync.whole(0, vcpu, CpuSyncKind.GET));
    }

    /** kvm_arch_put_registers; returns the seq. */
    public long put() throws IOException {
        cpu.put();
        return w.append(CpuSync.whole(0, vcpu, CpuSyncKind.PUT));
    }

    /** vCPU reset; returns the seq. */
    public long reset() throws IOException {
        cpu.reset();
        return w.append(CpuSync.whole(0, vcpu, CpuSyncKind.RESET));
    }

    private long id(String register) {
        int i = cpu.registers().positionOf(register);
        if (i < 0) {
            throw new IllegalArgumentException("no register " + register + " in this CPU model");
        }
        CpRegDef d = cpu.registers().get(i);
        return d.kvmIndex();
    }
}
