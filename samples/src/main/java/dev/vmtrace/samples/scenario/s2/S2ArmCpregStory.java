package dev.vmtrace.samples.scenario.s2;

import dev.vmtrace.engine.cpu.arm.ArmCpu;
import dev.vmtrace.engine.cpu.arm.ArmCpuState;
import dev.vmtrace.engine.cpu.arm.CpRegDef;
import dev.vmtrace.engine.cpu.arm.CpRegSet;
import dev.vmtrace.engine.cpu.arm.CpregLoad;
import dev.vmtrace.engine.cpu.arm.CpregState;
import dev.vmtrace.engine.cpu.arm.CpuAccel;
import dev.vmtrace.engine.cpu.arm.HypervisorVcpu;
import dev.vmtrace.engine.cpu.arm.SyncEvent;
import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.samples.scenario.Expectation;
import dev.vmtrace.samples.scenario.Story;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResult;
import dev.vmtrace.samples.scenario.StoryResources;
import dev.vmtrace.samples.scenario.VariantVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Story S2 (seed 002): the ARM vCPU's register list and CPU state drift apart. The workload runs
 * under each sync policy with an oracle of what the hypervisor should hold; then the cpreg arrays
 * migrate between register sets of two releases, through the state codec.
 */
public final class S2ArmCpregStory implements Story {
    static final String WORKLOAD = "scenarios/S2/debugger-then-reset.cpreg";
    /** A register a newer release adds inside the older one's id range. */
    static final CpRegDef ACTLR = CpRegDef.normal("ACTLR_EL1", 3, 0, 1, 0, 1, 0);
    /** An implementation-defined register above every id the older release has. */
    static final CpRegDef IMPDEF = CpRegDef.normal("S3_7_C15_C15_7", 3, 7, 15, 15, 7, 0);

    @Override
    public String id() {
        return "S2";
    }

    @Override
    public String title() {
        return "ARM system registers: lossy sync between KVM's list and the CPU state";
    }

    @Override
    public StoryResult run() throws BadInputException {
        List<SyncStep> steps = SyncScript.parse(WORKLOAD, StoryResources.text(WORKLOAD));
        List<VariantVerdict> verdicts = new ArrayList<>();
        List<StoryFinding> findings = new ArrayList<>();
        for (SyncPolicy p : SyncPolicy.values()) {
            List<StoryFinding> f = runPolicy(p, steps);
            findings.addAll(f);
            verdicts.add(new VariantVerdict(p.name(), f.stream().anyMatch(StoryFinding::isError),
                    f.isEmpty() ? "hypervisor held the intended value after every put (" + p.source() + ")"
                            : f.size() + " register value(s) wrong after put (" + p.source() + ")"));
        }
        migrate("a57+ACTLR_EL1 -> a57+IMPDEF", CpRegSet.cortexA57With(ACTLR), CpRegSet.cortexA57With(IMPDEF), verdicts, findings);
        migrate("a57+IMPDEF -> a57+ACTLR_EL1", CpRegSet.cortexA57With(IMPDEF), CpRegSet.cortexA57With(ACTLR), verdicts, findings);
        migrate("a57+ACTLR_EL1+IMPDEF -> a57", CpRegSet.cortexA57With(ACTLR, IMPDEF), CpRegSet.cortexA57(), verdicts, findings);
        return Expectation.load(id()).judge(title(), verdicts, findings);
    }

    /** Runs the workload under one policy and returns what the oracle found. */
    static List<StoryFinding> runPolicy(SyncPolicy policy, List<SyncStep> steps) throws BadInputException {
        CpRegSet set = CpRegSet.cortexA57();
        HypervisorVcpu kvm = HypervisorVcpu.matching(set);
        long[] hostReset = kvm.snapshot();
        List<StoryFinding> refused = new ArrayList<>();
        ArmCpu cpu = new ArmCpu(set, policy, kvm, e -> {
            if (e.op() == SyncEvent.Op.KVM_SET_REFUSED) {
                refused.add(StoryFinding.error("KVM_REFUSED_REGISTER", policy.name(), e.register(),
                        "the hypervisor refused a register value", String.format("value 0x%x", e.after())));
            }
        });
        SyncOracle oracle = new SyncOracle(cpu, policy.name());
        for (SyncStep s : steps) {
            if (s.op() == SyncStep.Op.GUEST_WRITE || s.op() == SyncStep.Op.DEBUGGER_WRITE) {
                if (set.positionOf(s.register()) < 0) {
                    throw BadInputException.atLine(WORKLOAD, s.line(), "no register " + s.register() + " in the CPU model");
                }
            }
            oracle.before(s, hostReset);
            switch (s.op()) {
                case GUEST_WRITE: cpu.guestWrite(s.register(), s.value()); break;
                case GET: cpu.get(); break;
                case DEBUGGER_WRITE: cpu.debuggerWrite(s.register(), s.value()); break;
                case PUT: cpu.put(); break;
                case RESET: cpu.reset(); break;
                default: throw new IllegalStateException(s.op().name());
            }
            oracle.after(s);
        }
        List<StoryFinding> out = new ArrayList<>(oracle.findings());
        out.addAll(refused);
        return out;
    }

    private static void migrate(String variant, CpRegSet from, CpRegSet to, List<VariantVerdict> verdicts,
            List<StoryFinding> findings) {
        ArmCpu src = new ArmCpu(from, SyncPolicy.WRITEBACK, HypervisorVcpu.matching(from), e -> { });
        ArmCpu dst = new ArmCpu(to, SyncPolicy.WRITEBACK, HypervisorVcpu.matching(to), e -> { });
        WireOutput out = new WireOutput();
        StateCodec.save(ArmCpuState.SCHEMA, ArmCpuState.save(CpregState.save(src)), out, JsonObject.builder());
        CpregLoad.Result r;
        try {
            StateNode loaded = StateCodec.load(ArmCpuState.SCHEMA, new WireInput("cpu", out.toByteArray()), 22, ArmCpuState.local(dst));
            r = CpregLoad.load(ArmCpuState.fromNode(loaded), dst, CpuAccel.KVM);
        } catch (BadInputException e) {
            r = new CpregLoad.Result(false, e.problem(), ArmCpuState.LEN, 0);
        }
        if (!r.ok()) {
            String code = r.register().equals(ArmCpuState.LEN) || r.register().isEmpty() ? "CPREG_COUNT_EXCEEDED" : "CPREG_UNKNOWN_INCOMING";
            String path = code.equals("CPREG_COUNT_EXCEEDED") ? "cpu > " + ArmCpuState.LEN : "cpu > " + nameOf(from, r.register());
            findings.add(StoryFinding.error(code, variant, path, "the destination refuses the migrated cpreg arrays", r.reason()));
            verdicts.add(new VariantVerdict(variant, true, "load fails: " + r.reason()));
        } else {
            if (r.ignoredTrailing() > 0) {
                findings.add(StoryFinding.info("CPREG_TRAILING_IGNORED", variant, "cpu > " + IMPDEF.name(),
                        "an unknown register above every local id was silently ignored",
                        r.ignoredTrailing() + " trailing register(s) dropped"));
            }
            verdicts.add(new VariantVerdict(variant, false, "loads"));
        }
    }

    private static String nameOf(CpRegSet set, String hexIndex) {
        for (CpRegDef d : set.all()) {
            if (d.hexIndex().equals(hexIndex)) {
                return d.name();
            }
        }
        return hexIndex;
    }
}
