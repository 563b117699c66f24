package dev.vmtrace.cli;

import dev.vmtrace.samples.scenario.Stories;
import dev.vmtrace.samples.scenario.Story;
import dev.vmtrace.samples.scenario.StoryReport;
import dev.vmtrace.samples.scenario.StoryResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vmtrace scenario ID|all}: runs acceptance stories (real QEMU bugs) from their bundled
 * workloads and compares what vmtrace finds with each story's machine-readable expectation.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {"Run acceptance stories (real QEMU bugs) from their bundled workloads and check that",
            "vmtrace detects each as expected. Exit 0 when every story is detected as expected and",
            "the fixed variants are clean, 1 otherwise."})
public final class ScenarioCommand implements Callable<Integer> {
    /** Report formats. */
    enum Format { text, json, junit, html }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "A story id (S0..S4) or 'all'.")
    String id;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json, junit or html (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() throws Exception {
        List<Story> chosen = new ArrayList<>();
        if (id.equalsIgnoreCase("all")) {
            chosen.addAll(Stories.all());
        } else {
            chosen.add(Stories.byId(id).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "no story '" + id + "' in this build; available: "
                            + Stories.all().stream().map(Story::id).collect(Collectors.joining(", ")) + ", all")));
        }
        List<StoryResult> results = new ArrayList<>();
        for (Story s : chosen) {
            results.add(s.run());
        }
        String report;
        switch (format) {
            case json: report = StoryReport.jsonText(results); break;
            case junit: report = StoryReport.junit(results); break;
            case html: report = StoryReport.html(results); break;
            default: report = StoryReport.text(results);
        }
        ReportOutput.emit(report, output, spec.commandLine().getOut());
        return results.stream().allMatch(StoryResult::asExpected) ? ExitCodes.OK : ExitCodes.DIVERGENT;
    }
}
