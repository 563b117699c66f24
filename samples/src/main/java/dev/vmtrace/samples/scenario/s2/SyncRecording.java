package dev.vmtrace.samples.scenario.s2;

import dev.vmtrace.engine.cpu.arm.ArmCpu;
import dev.vmtrace.engine.cpu.arm.CpRegSet;
import dev.vmtrace.engine.cpu.arm.HypervisorVcpu;
import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.replay.CpuSyncRecorder;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a sync workload ({@link SyncScript}) on a Cortex-A57 vCPU 0 under KVM and records each step
 * as one CPU_SYNC trace event ({@link CpuSyncRecorder}). Used by story S2 and by
 * {@code vmtrace record --arm-sync}.
 */
public final class SyncRecording {
    private SyncRecording() {
    }

    /**
     * Records {@code steps} (parsed from {@code source}) into {@code w} under {@code policy};
     * returns the workload line of each recorded event, by seq. A register the CPU model lacks is
     * bad input at its line.
     */
    public static Map<Long, Integer> record(List<SyncStep> steps, String source, SyncPolicy policy, TraceWriter w)
            throws IOException, BadInputException {
        CpRegSet set = CpRegSet.cortexA57();
        CpuSyncRecorder rec = new CpuSyncRecorder(w, new ArmCpu(set, policy, HypervisorVcpu.matching(set), e -> { }), 0);
        Map<Long, Integer> lines = new HashMap<>();
        for (SyncStep s : steps) {
            boolean write = s.op() == SyncStep.Op.GUEST_WRITE || s.op() == SyncStep.Op.DEBUGGER_WRITE;
            if (write && set.positionOf(s.register()) < 0) {
                throw BadInputException.atLine(source, s.line(), "no register " + s.register()
                        + " in the " + CpuSyncRecorder.CORTEX_A57 + " model");
            }
            long seq;
            switch (s.op()) {
                case GUEST_WRITE: seq = rec.guestWrite(s.register(), s.value()); break;
                case GET: seq = rec.get(); break;
                case DEBUGGER_WRITE: seq = rec.debuggerWrite(s.register(), s.value()); break;
                case PUT: seq = rec.put(); break;
                case RESET: seq = rec.reset(); break;
                default: throw new IllegalStateException(s.op().name());
            }
            lines.put(seq, s.line());
        }
        return lines;
    }
}
