package dev.vmtrace.cli;

import dev.vmtrace.cli.demo.DemoContext;
import dev.vmtrace.cli.demo.DemoReport;
import dev.vmtrace.cli.demo.DemoStep;
import dev.vmtrace.cli.demo.DemoSteps;
import dev.vmtrace.cli.demo.StepResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vmtrace demo}: runs everything vmtrace can do on the bundled samples and real QEMU
 * artifacts, prints a summary table and writes the reports under {@code out/demo/}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run vmtrace's capabilities on the bundled samples and real QEMU artifacts,",
            "print a summary and write reports under out/demo/."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "out/demo",
            description = "Report directory (default: ${DEFAULT-VALUE}, under the vmtrace home).")
    Path output;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Samples directory (default: samples/ under the vmtrace home).")
    Path samples;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Home.dir();
        Path outDir = output.isAbsolute() ? output : home.resolve(output);
        Path samplesDir = samples != null ? samples : home.resolve("samples");
        DemoContext ctx = new DemoContext(samplesDir, outDir, out);
        List<StepResult> results = new ArrayList<>();
        for (DemoStep step : DemoSteps.all()) {
            out.println("== " + step.title());
            results.add(step.run(ctx));
            out.println();
        }
        DemoReport.write(outDir, results);
        DemoReport.printSummary(out, results);
        out.println("reports: " + outDir);
        out.flush();
        boolean allOk = results.stream().allMatch(StepResult::ok);
        return allOk ? ExitCodes.OK : ExitCodes.DIVERGENT;
    }
}
