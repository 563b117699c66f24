package dev.vmtrace.cli;

import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.AccessPolicy;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.replay.CpuSyncRecorder;
import dev.vmtrace.replay.EngineRun;
import dev.vmtrace.replay.Recorder;
import dev.vmtrace.replay.Workload;
import dev.vmtrace.samples.scenario.s2.SyncRecording;
import dev.vmtrace.samples.scenario.s2.SyncScript;
import dev.vmtrace.samples.scenario.s2.SyncStep;
import dev.vmtrace.trace.TraceFiles;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmtrace record}: run a qtest workload on the engine and record everything into a trace. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Run a workload (a qtest script, or the name of one in samples/workloads)",
            "on vmtrace's engine and record every guest access, its device-level",
            "dispatches, device and host events, virtual time and state snapshots into",
            "a trace. Workload directives: docs/replay.md."})
public final class RecordCommand implements Callable<Integer> {
    /** Largest ARM sync script read (a line per step, {@link SyncScript#MAX_STEPS} steps at most). */
    static final long MAX_SYNC_SCRIPT = 16L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "A qtest script file or a sample name.")
    String workload;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRACE",
            description = "The trace to create (a directory; with --single-file, one file).")
    Path output;

    @Option(names = {"-M", "--machine"}, required = true, paramLabel = "M",
            description = "Machine type and options, e.g. pc-q35-7.2,smm=on (aliases: pc, q35).")
    String machine;

    @Option(names = "--smp", paramLabel = "N[,maxcpus=M]", description = "CPUs (default 1).")
    String smp;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "RAM size (default 128M).")
    String memory;

    @Option(names = "--device", paramLabel = "DRIVER[,k=v]", description = "An extra device (repeatable).")
    List<String> devices = new ArrayList<>();

    @Option(names = "--global", paramLabel = "DRIVER.PROP=VALUE", description = "A global property (repeatable).")
    List<String> globals = new ArrayList<>();

    @Option(names = "--release", paramLabel = "R", defaultValue = "7.2.22", description = "QEMU release (default ${DEFAULT-VALUE}).")
    String release;

    @Option(names = "--accel", paramLabel = "A", defaultValue = "tcg",
            description = "tcg, kvm or qtest (default ${DEFAULT-VALUE}: port I/O as a TCG guest's instructions do it).")
    String accel;

    @Option(names = "--access-policy", paramLabel = "P", description = "strict or lenient (default: what the release implies).")
    String policy;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "0",
            description = "Also snapshot the state after every N accesses (default: only at markers and the end).")
    long snapshotEvery;

    @Option(names = "--single-file", description = "Write the single-file form instead of a trace directory.")
    boolean singleFile;

    @Option(names = "--force", description = "Replace TRACE if it is an existing trace.")
    boolean force;

    @Option(names = "--arm-sync", description = "WORKLOAD is an ARM vCPU register sync script (guest-write, get, "
            + "debugger-write, put, reset; docs/scenarios.md S2), run on a Cortex-A57 vCPU under KVM with the "
            + "release's sync policy and recorded as CPU_SYNC events; --machine names the ARM machine type (virt-7.2).")
    boolean armSync;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (armSync) {
            return recordSync(out);
        }
        Path script = resolveWorkload();
        MachineConfig c = config();
        EngineRun run;
        try {
            run = new EngineRun(c);
        } catch (MachineConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        prepareOutput();
        String name = script.getFileName().toString();
        long accesses;
        int snapshots;
        try (TraceWriter w = singleFile ? TraceWriter.createFile(output, Recorder.header(c, name))
                : TraceWriter.create(output, Recorder.header(c, name));
             Reader in = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
            Recorder rec = new Recorder(w, run).snapshotEvery(snapshotEvery);
            accesses = new Workload(rec, script.toString()).run(in);
            rec.snapshot("end");
            snapshots = rec.snapshots();
        } catch (BadInputException e) {
            delete();
            throw e;
        }
        out.printf("recorded %s on %s: %d guest accesses, %d snapshots -> %s%n", name,
                dev.vmtrace.replay.Replayer.describe(c), accesses, snapshots, output);
        return ExitCodes.OK;
    }

    /** {@code --arm-sync}: a sync script on an ARM vCPU, one CPU_SYNC event per step. */
    private int recordSync(PrintWriter out) throws Exception {
        Path script = Path.of(workload);
        if (!Files.isRegularFile(script)) {
            throw BadInputException.unreadable(workload, "no such ARM sync script", null);
        }
        Release r = Release.parse(release);
        if (r == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--release '" + release + "' is not X.Y or X.Y.Z");
        }
        if (smp != null || memory != null || !devices.isEmpty() || !globals.isEmpty() || policy != null
                || snapshotEvery != 0 || !accel.equals("tcg") && !accel.equals("kvm")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--arm-sync records one KVM vCPU's register "
                    + "sync: --smp, -m, --device, --global, --access-policy, --snapshot-every and --accel other than kvm "
                    + "do not apply");
        }
        if (Files.size(script) > MAX_SYNC_SCRIPT) {
            throw BadInputException.unreadable(workload, "larger than " + MAX_SYNC_SCRIPT + " bytes", null);
        }
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw BadInputException.unreadable(workload, "not UTF-8 text", e);
        }
        List<SyncStep> steps = SyncScript.parse(script.toString(), text);
        SyncPolicy sync = SyncPolicy.forRelease(r);
        prepareOutput();
        String name = script.getFileName().toString();
        TraceHeader h = CpuSyncRecorder.header(Recorder.CREATOR + " --arm-sync " + name, machine, release, sync);
        try (TraceWriter w = singleFile ? TraceWriter.createFile(output, h) : TraceWriter.create(output, h)) {
            SyncRecording.record(steps, script.toString(), sync, w);
        } catch (BadInputException e) {
            delete();
            throw e;
        }
        out.printf("recorded %s on %s release %s kvm (sync policy %s): %d sync steps -> %s%n", name, machine, release,
                sync, steps.size(), output);
        return ExitCodes.OK;
    }

    private Path resolveWorkload() throws BadInputException {
        Path p = Path.of(workload);
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path sample = Home.dir().resolve("samples").resolve("workloads")
                .resolve(workload.endsWith(".qtest") ? workload : workload + ".qtest");
        if (Files.isRegularFile(sample)) {
            return sample;
        }
        throw BadInputException.unreadable(workload, "no such workload file or sample (samples/workloads)", null);
    }

    private MachineConfig config() {
        try {
            Release r = Release.parse(release);
            if (r == null) {
                throw new MachineConfigException("--release '" + release + "' is not X.Y or X.Y.Z");
            }
            Accel a = Accel.parse(accel);
            if (a == null) {
                throw new MachineConfigException("--accel '" + accel + "' is not tcg, kvm or qtest");
            }
            AccessPolicy p = null;
            if (policy != null && !policy.equals("auto")) {
                try {
                    p = AccessPolicy.valueOf(policy.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new MachineConfigException("--access-policy '" + policy + "' is not strict, lenient or auto");
                }
            }
            return MachineConfig.parse(machine, smp, memory, devices, globals, r, a, p);
        } catch (MachineConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void prepareOutput() throws java.io.IOException {
        if (!Files.exists(output)) {
            return;
        }
        boolean isTrace = TraceFiles.isQueue(output) || Files.isRegularFile(output);
        if (Files.isDirectory(output) && !TraceFiles.isQueue(output)) {
            try (var s = Files.list(output)) {
                if (s.findAny().isEmpty()) {
                    return;
                }
            }
        }
        if (!force || !isTrace) {
            throw new CommandLine.ParameterException(spec.commandLine(), "output " + output + " exists"
                    + (isTrace ? " (use --force to replace it)" : ""));
        }
        delete();
    }

    private void delete() throws java.io.IOException {
        if (Files.isRegularFile(output)) {
            Files.delete(output);
        } else {
            TraceFiles.deleteQueue(output);
        }
    }
}
