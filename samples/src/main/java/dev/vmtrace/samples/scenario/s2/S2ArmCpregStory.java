package dev.vmtrace.samples.scenario.s2;

import dev.vmtrace.engine.cpu.arm.ArmCpu;
import dev.vmtrace.engine.cpu.arm.ArmCpuState;
import dev.vmtrace.engine.cpu.arm.CpRegDef;
import dev.vmtrace.engine.cpu.arm.CpRegSet;
import dev.vmtrace.engine.cpu.arm.CpregLoad;
import dev.vmtrace.engine.cpu.arm.CpregState;
import dev.vmtrace.engine.cpu.arm.CpuAccel;
import dev.vmtrace.engine.cpu.arm.HypervisorVcpu;
import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.replay.CpuSyncRecorder;
import dev.vmtrace.replay.CpuSyncReplayer;
import dev.vmtrace.replay.DivergenceKind;
import dev.vmtrace.replay.SyncDivergence;
import dev.vmtrace.replay.SyncReplayResult;
import dev.vmtrace.samples.scenario.Expectation;
import dev.vmtrace.samples.scenario.Story;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResult;
import dev.vmtrace.samples.scenario.StoryResources;
import dev.vmtrace.samples.scenario.StoryTraces;
import dev.vmtrace.samples.scenario.VariantVerdict;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Story S2 (seed 002): the ARM vCPU's register list and CPU state drift apart. The workload is
 * recorded into a trace (one CPU_SYNC event per step), and the trace is replayed under each sync
 * policy against the contract of what the hypervisor should hold after each put
 * ({@link CpuSyncReplayer}); each finding names its workload line and trace event. Then the cpreg
 * arrays migrate between register sets of two releases, through the state codec.
 */
public final class S2ArmCpregStory implements Story {
    static final String WORKLOAD = "scenarios/S2/debugger-then-reset.cpreg";
    /** The machine type and release the workload is recorded on (the trace header says so). */
    static final String MACHINE = "virt-7.2";
    static final String RELEASE = "7.2.22";
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
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vmtrace-s2");
            Recording rec = record(steps, dir.resolve("sync.vmtrace"));
            for (SyncPolicy p : SyncPolicy.values()) {
                SyncReplayResult r = CpuSyncReplayer.replay(rec.trace(), p);
                List<StoryFinding> f = findings(rec, r);
                findings.addAll(f);
                verdicts.add(new VariantVerdict(p.name(), f.stream().anyMatch(StoryFinding::isError),
                        f.isEmpty() ? "hypervisor held the intended value after every put (" + p.source() + ")"
                                : f.size() + " register value(s) wrong after put (" + p.source() + "), first at trace event #"
                                        + r.first().seq()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            StoryTraces.deleteQuietly(dir);
        }
        migrate("a57+ACTLR_EL1 -> a57+IMPDEF", CpRegSet.cortexA57With(ACTLR), CpRegSet.cortexA57With(IMPDEF), verdicts, findings);
        migrate("a57+IMPDEF -> a57+ACTLR_EL1", CpRegSet.cortexA57With(IMPDEF), CpRegSet.cortexA57With(ACTLR), verdicts, findings);
        migrate("a57+ACTLR_EL1+IMPDEF -> a57", CpRegSet.cortexA57With(ACTLR, IMPDEF), CpRegSet.cortexA57(), verdicts, findings);
        return Expectation.load(id()).judge(title(), verdicts, findings);
    }

    /** Records the workload into a temporary trace, replays it under {@code policy} and returns the findings. */
    static List<StoryFinding> runPolicy(SyncPolicy policy, List<SyncStep> steps) throws BadInputException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vmtrace-s2");
            Recording rec = record(steps, dir.resolve("sync.vmtrace"));
            return findings(rec, CpuSyncReplayer.replay(rec.trace(), policy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            StoryTraces.deleteQuietly(dir);
        }
    }

    /**
     * Runs the workload on a Cortex-A57 vCPU of virt-7.2 under KVM (the final policy, QEMU 7.2.22)
     * and records each step as a CPU_SYNC event of the single-file trace {@code out}.
     */
    static Recording record(List<SyncStep> steps, Path out) throws IOException, BadInputException {
        SyncPolicy recordedUnder = SyncPolicy.WRITEBACK;
        Map<Long, Integer> lines;
        try (TraceWriter w = TraceWriter.createFile(out, CpuSyncRecorder.header("vmtrace scenario S2 " + WORKLOAD,
                MACHINE, RELEASE, recordedUnder))) {
            lines = SyncRecording.record(steps, WORKLOAD, recordedUnder, w);
        }
        return new Recording(out, lines);
    }

    /** Every divergence of a replay of the recording as a finding naming its workload line and trace event. */
    static List<StoryFinding> findings(Recording rec, SyncReplayResult r) {
        SyncPolicy policy = r.policy();
        List<StoryFinding> out = new ArrayList<>();
        for (SyncDivergence d : r.divergences()) {
            String evidence;
            if (d.kind() == DivergenceKind.REGISTER_REFUSED) {
                evidence = String.format("put at line %d (trace event #%d): value 0x%x refused", rec.line(d.seq()), d.seq(), d.actual());
                out.add(StoryFinding.error("KVM_REFUSED_REGISTER", policy.name(), d.register(),
                        "the hypervisor refused a register value", evidence));
                continue;
            }
            evidence = String.format("put at line %d (trace event #%d): hypervisor holds 0x%x, expected 0x%x (%s at line %d, "
                    + "trace event #%d); policy %s", rec.line(d.seq()), d.seq(), d.actual(), d.expected(), d.causeText(),
                    rec.line(d.causeSeq()), d.causeSeq(), policy.source());
            if (d.kind() == DivergenceKind.LOST_WRITE) {
                out.add(StoryFinding.error("LOST_EMULATOR_WRITE", policy.name(), d.register(),
                        d.register() + " written by emulator code never reached the hypervisor", evidence));
            } else {
                out.add(StoryFinding.error("RESET_VALUE_CLOBBERED", policy.name(), d.register(),
                        d.register() + " reset value overwritten by the stale pre-reset CPU state", evidence));
            }
        }
        return out;
    }

    /** A recorded workload: the trace and the workload line of each event. */
    record Recording(Path trace, Map<Long, Integer> lines) {
        int line(long seq) {
            return lines.getOrDefault(seq, 0);
        }
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
