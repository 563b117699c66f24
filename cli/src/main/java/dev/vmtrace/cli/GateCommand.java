package dev.vmtrace.cli;

import dev.vmtrace.compat.gate.Allowlist;
import dev.vmtrace.compat.gate.Gate;
import dev.vmtrace.compat.gate.GatePair;
import dev.vmtrace.compat.gate.GateReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmtrace gate}: the release gate over a reviewed baseline of streams and dumps. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Compare every artifact (stream *.bin, dump *.json[.gz]) of the baseline with the",
            "candidate's artifact of the same name, both directions. Any finding not in the allowlist",
            "fails the gate (exit 1). --update-baseline makes the candidate the baseline and empties the",
            "allowlist. See docs/compat.md."})
public final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", paramLabel = "DIR", description = "The reviewed baseline directory (required unless --all-pairs).")
    Path baseline;

    @Option(names = "--allowlist", paramLabel = "FILE", description = "Expected findings: ARTIFACT CODE PATH per line.")
    Path allowlist;

    @Option(names = "--update-baseline", description = "Copy the candidate into the baseline and empty the allowlist.")
    boolean update;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CompatCommand.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--all-pairs", description = {"Compare every artifact of CANDIDATE_DIR with every other one, both",
        "directions (a migration matrix of configurations); no baseline."})
    boolean allPairs;

    @Parameters(index = "0", paramLabel = "CANDIDATE_DIR", description = "The candidate's artifacts.")
    Path candidate;

    @Override
    public Integer call() throws Exception {
        if (update) {
            if (baseline == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--update-baseline needs --baseline DIR");
            }
            Gate.updateBaseline(baseline, candidate, allowlist);
            spec.commandLine().getOut().println("baseline " + baseline + " updated from " + candidate
                    + (allowlist != null ? "; allowlist " + allowlist + " emptied" : ""));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        if (allPairs == (baseline != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --baseline DIR or --all-pairs");
        }
        Allowlist list = allowlist != null && Files.exists(allowlist) ? Allowlist.read(allowlist) : Allowlist.empty();
        List<GatePair> pairs = allPairs ? Gate.allPairs(candidate, list) : Gate.run(baseline, candidate, list);
        String report;
        switch (format) {
            case json:
                report = GateReport.json(pairs);
                break;
            case junit:
                report = GateReport.junit(pairs);
                break;
            case html:
                report = GateReport.html(pairs);
                break;
            default:
                report = GateReport.text(pairs);
        }
        ReportOutput.emit(report, output, spec.commandLine().getOut());
        return Gate.passes(pairs) ? ExitCodes.OK : ExitCodes.DIVERGENT;
    }
}
