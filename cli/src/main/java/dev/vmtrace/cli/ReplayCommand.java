package dev.vmtrace.cli;

import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.replay.CpuSyncRecorder;
import dev.vmtrace.replay.CpuSyncReplayer;
import dev.vmtrace.replay.MatrixReport;
import dev.vmtrace.replay.ReplayMatrix;
import dev.vmtrace.replay.ReplayOptions;
import dev.vmtrace.replay.ReplayReport;
import dev.vmtrace.replay.ReplayResult;
import dev.vmtrace.replay.Replayer;
import dev.vmtrace.replay.TraceTarget;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmtrace replay}: replay a trace on an engine of the chosen kind and report divergences. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a trace's guest accesses, host events and virtual time on a fresh",
            "engine and compare read values, access shapes, device events and state",
            "snapshots. Exit 0 identical, 1 divergent, 3 bad trace.",
            "Report schema and divergence kinds: docs/replay.md."})
public final class ReplayCommand implements Callable<Integer> {
    /** Report formats. */
    public enum Format { text, json, junit, html }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory or single-file trace.")
    Path trace;

    @Mixin
    ReplayTargetOptions target;

    @Option(names = "--context", paramLabel = "N", defaultValue = "5",
            description = "Events of context before and after the first divergence (default ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--feed-back", paramLabel = "REGION", split = ",",
            description = "Take read values of these regions from the trace instead of comparing them (shapes are "
                    + "still compared); for regions whose state depends on accesses the trace lacks.")
    java.util.Set<String> feedBack = new java.util.TreeSet<>();

    @Option(names = "--migrate-at", paramLabel = "SEQ", defaultValue = "-1",
            description = "Migrate to the --to-* engine before trace event SEQ, through a QEMU-format stream.")
    long migrateAt;

    @Option(names = "--to-release", paramLabel = "R2", description = "Destination release for --migrate-at.")
    String toRelease;

    @Option(names = "--to-machine", paramLabel = "M2", description = "Destination machine type for --migrate-at.")
    String toMachine;

    @Option(names = "--to-accel", paramLabel = "A2", description = "Destination accelerator for --migrate-at.")
    String toAccel;

    @Option(names = "--matrix", arity = "1..*", paramLabel = "KEY=V1,V2",
            description = "Replay every combination, e.g. --matrix release=5.0,5.1,7.2.22 accel=tcg,kvm "
                    + "(keys: release, accel, machine, policy, smp).")
    List<String> matrix = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Matrix worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--sync-policy", paramLabel = "P",
            description = "ARM vCPU sync traces only (CPU_SYNC events): ${COMPLETION-CANDIDATES} (default: what "
                    + "--release implies, else the policy the trace was recorded under).")
    SyncPolicy syncPolicy;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (context < 0 || context > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--context must be 0..10000");
        }
        TraceTarget base = target.target();
        TraceHeader h;
        try (TraceReader r = TraceReader.open(trace)) {
            h = r.header();
        }
        if (CpuSyncReplayer.isSyncTrace(h)) {
            return syncReplay(h);
        }
        if (syncPolicy != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sync-policy applies to ARM vCPU sync traces "
                    + "only; " + trace + " has no cpu-sync=1 in its header");
        }
        if (!matrix.isEmpty()) {
            return matrix(base);
        }
        ReplayOptions options;
        try {
            MachineConfig c = base.resolve(h);
            options = ReplayOptions.of(c).withContext(context).withFeedBack(feedBack);
            if (migrateAt >= 0) {
                TraceTarget to = base;
                if (toRelease != null) {
                    to = to.with("release", toRelease);
                }
                if (toMachine != null) {
                    to = to.with("machine", toMachine);
                }
                if (toAccel != null) {
                    to = to.with("accel", toAccel);
                }
                options = options.withMigration(migrateAt, to.resolve(h));
            } else if (toRelease != null || toMachine != null || toAccel != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to-* options need --migrate-at");
            }
            dev.vmtrace.engine.machine.Machine.build(c);
        } catch (MachineConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ReplayResult r;
        try {
            r = Replayer.replay(trace, options);
        } catch (MachineConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (migrateAt >= 0 && r.migration() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--migrate-at " + migrateAt
                    + " is past the last event of " + trace + " (" + r.events() + " events): nothing was migrated");
        }
        return emit(r);
    }

    private int emit(ReplayResult r) throws java.io.IOException {
        String report;
        switch (format) {
            case json: report = ReplayReport.json(r); break;
            case junit: report = ReplayReport.junit(r); break;
            case html: report = ReplayReport.html(r); break;
            default: report = ReplayReport.text(r);
        }
        ReportOutput.emit(report, output, spec.commandLine().getOut());
        return r.identical() ? ExitCodes.OK : ExitCodes.DIVERGENT;
    }

    /** An ARM vCPU sync trace: its CPU_SYNC steps under one sync policy ({@link CpuSyncReplayer}). */
    private int syncReplay(TraceHeader h) throws Exception {
        if (!matrix.isEmpty() || migrateAt >= 0 || !feedBack.isEmpty() || toRelease != null || toMachine != null
                || toAccel != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "ARM vCPU sync traces replay under one "
                    + "--sync-policy: --matrix, --migrate-at, --feed-back and --to-* do not apply");
        }
        SyncPolicy policy = syncPolicy;
        if (policy == null && target.release != null) {
            dev.vmtrace.engine.machine.Release r = dev.vmtrace.engine.machine.Release.parse(target.release);
            if (r == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--release: not a release: " + target.release);
            }
            policy = SyncPolicy.forRelease(r);
        }
        if (policy == null) {
            String recorded = h.options().getOrDefault(CpuSyncRecorder.OPT_SYNC_POLICY, SyncPolicy.WRITEBACK.name());
            try {
                policy = SyncPolicy.valueOf(recorded);
            } catch (IllegalArgumentException e) {
                throw BadInputException.unreadable(trace.toString(), "unknown sync policy '" + recorded + "' in the header", e);
            }
        }
        return emit(CpuSyncReplayer.replay(trace, policy, context).toReplayResult());
    }

    private int matrix(TraceTarget base) throws Exception {
        ReplayMatrix.Result m;
        try {
            m = ReplayMatrix.run(trace, base, ReplayMatrix.parse(matrix), context, feedBack, Math.max(1, threads));
        } catch (MachineConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String report;
        switch (format) {
            case json: report = MatrixReport.json(m); break;
            case junit: report = MatrixReport.junit(m); break;
            case html: report = MatrixReport.html(m); break;
            default: report = MatrixReport.text(m);
        }
        ReportOutput.emit(report, output, spec.commandLine().getOut());
        return m.identical() ? ExitCodes.OK : ExitCodes.DIVERGENT;
    }
}
