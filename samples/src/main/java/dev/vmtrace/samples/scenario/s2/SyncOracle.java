package dev.vmtrace.samples.scenario.s2;

import dev.vmtrace.engine.cpu.arm.ArmCpu;
import dev.vmtrace.engine.cpu.arm.CpRegSet;
import dev.vmtrace.samples.scenario.StoryFinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hypervisor should hold after each put, whatever the sync policy: a value the guest
 * wrote stays; a value emulator code wrote reaches the hypervisor; after a reset, the reset
 * values. Run beside a workload, it turns a policy's behaviour into findings.
 */
final class SyncOracle {
    private final ArmCpu cpu;
    private final String variant;
    private final long[] intended;
    private final Map<Integer, String> why = new HashMap<>();
    private final List<StoryFinding> findings = new ArrayList<>();

    SyncOracle(ArmCpu cpu, String variant) {
        this.cpu = cpu;
        this.variant = variant;
        this.intended = cpu.hypervisor().snapshot();
    }

    void before(SyncStep step, long[] hostReset) {
        CpRegSet set = cpu.registers();
        switch (step.op()) {
            case DEBUGGER_WRITE: {
                int i = set.positionOf(step.register());
                intended[i] = step.value();
                why.put(i, "debugger write at line " + step.line());
                break;
            }
            case RESET:
                System.arraycopy(hostReset, 0, intended, 0, intended.length);
                why.clear();
                for (int i = 0; i < intended.length; i++) {
                    why.put(i, "reset at line " + step.line());
                }
                break;
            default:
                break;
        }
    }

    void after(SyncStep step) {
        CpRegSet set = cpu.registers();
        if (step.op() == SyncStep.Op.GUEST_WRITE) {
            int i = set.positionOf(step.register());
            intended[i] = cpu.hypervisor().get(i);
            why.remove(i);
        } else if (step.op() == SyncStep.Op.PUT) {
            for (int i = 0; i < intended.length; i++) {
                long actual = cpu.hypervisor().get(i);
                String reason = why.get(i);
                if (actual == intended[i] || reason == null) {
                    continue;
                }
                String name = set.get(i).name();
                String evidence = String.format("put at line %d: hypervisor holds 0x%x, expected 0x%x (%s); policy %s",
                        step.line(), actual, intended[i], reason, cpu.policy().source());
                if (reason.startsWith("debugger")) {
                    findings.add(StoryFinding.error("LOST_EMULATOR_WRITE", variant, name,
                            name + " written by emulator code never reached the hypervisor", evidence));
                } else {
                    findings.add(StoryFinding.error("RESET_VALUE_CLOBBERED", variant, name,
                            name + " reset value overwritten by the stale pre-reset CPU state", evidence));
                }
            }
            why.clear();
        }
    }

    List<StoryFinding> findings() {
        return findings;
    }
}
