package dev.vmtrace.cli;

import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.replay.Bisect;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmtrace bisect}: the first release whose replay of a trace diverges from release A's. */
@Command(name = "bisect", mixinStandardHelpOptions = true,
        description = {"Find the first release in A..B (the engine's known releases) whose",
            "replay of TRACE diverges from release A's. Exit 0 when none diverges,",
            "1 when one does, 3 bad trace."})
public final class BisectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory or single-file trace.")
    Path trace;

    @Option(names = "--releases", required = true, paramLabel = "A..B", description = "The release range, e.g. 2.7..7.2.22.")
    String releases;

    @Mixin
    ReplayTargetOptions target;

    @Override
    public Integer call() throws Exception {
        int dots = releases.indexOf("..");
        Release a = dots < 0 ? null : Release.parse(releases.substring(0, dots));
        Release b = dots < 0 ? null : Release.parse(releases.substring(dots + 2));
        if (a == null || b == null || a.compareTo(b) >= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--releases must be A..B with A older than B");
        }
        if (target.release != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bisect takes its releases from --releases");
        }
        try (dev.vmtrace.trace.TraceReader tr = dev.vmtrace.trace.TraceReader.open(trace)) {
            if (dev.vmtrace.replay.CpuSyncReplayer.isSyncTrace(tr.header())) {
                throw new CommandLine.ParameterException(spec.commandLine(), trace + " is an ARM vCPU sync trace: "
                        + "replay it per policy with 'vmtrace replay TRACE --release R' or '--sync-policy P'");
            }
        }
        Bisect.Result r;
        Path work = Files.createTempDirectory("vmtrace-bisect");
        try {
            r = Bisect.run(trace, target.target(), a, b, work);
        } catch (MachineConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } finally {
            Files.deleteIfExists(work);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bisect %s over %s (reference: release %s)%n", r.trace(), String.join(", ", r.candidates()), r.good());
        for (Bisect.Step s : r.steps()) {
            out.printf("  release %-8s %-10s %s%n", s.release(), s.verdict(), s.first() == null ? "" : s.first());
        }
        if (r.firstBad() == null) {
            out.printf("no release in %s diverges from %s%n", releases, r.good());
            return ExitCodes.OK;
        }
        out.printf("first divergent release: %s%n  %s%n", r.firstBad(), r.firstDivergence());
        return ExitCodes.DIVERGENT;
    }
}
