package dev.vmtrace.cli;

import dev.vmtrace.compat.check.CompatChecker;
import dev.vmtrace.compat.check.CompatResult;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.report.CompatReport;
import dev.vmtrace.compat.source.SchemaSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmtrace compat SRC DST}: will a destination load what a source sends, and why not. */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = {"Predict whether a migration from SRC to DST works, from QEMU migration streams",
            "(with their vmdesc trailer) or -dump-vmstate JSON files. Exit 0 compatible, 1 incompatible.",
            "Finding codes: docs/findings.md."})
public final class CompatCommand implements Callable<Integer> {
    /** Report formats. */
    public enum Format { text, json, junit, html }

    /** SRC and DST, loaded while picocli parses (started by {@link VmtraceCommand#execute}). */
    static final Prefetch<SchemaSet> INPUTS = new Prefetch<>(SchemaSources::resolve);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC", description = "Source: STREAM.bin, DUMP.json[.gz] or vmtrace:RELEASE:MACHINE.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Destination, same kinds as SRC.")
    String destination;

    @Option(names = "--src-release", paramLabel = "R",
            description = "QEMU release that made SRC (streams and dumps do not say), e.g. 2.2.")
    String srcRelease;

    @Option(names = "--dst-release", paramLabel = "R",
            description = "QEMU release of the destination, e.g. 2.2: decides whether ACPI RAM blocks can be resized.")
    String dstRelease;

    @Option(names = "--both", description = "Also check DST -> SRC; incompatible if either direction is.")
    boolean both;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() throws Exception {
        SchemaSet src = INPUTS.get(source);
        SchemaSet dst = INPUTS.get(destination);
        if (srcRelease != null) {
            src = src.withRelease(srcRelease);
        }
        if (dstRelease != null) {
            dst = dst.withRelease(dstRelease);
        }
        List<CompatResult> results = new ArrayList<>();
        results.add(CompatChecker.check(src, dst));
        if (both) {
            results.add(CompatChecker.check(dst, src));
        }
        String report;
        switch (format) {
            case json:
                report = CompatReport.json(results);
                break;
            case junit:
                report = CompatReport.junit(results);
                break;
            case html:
                report = CompatReport.html(results);
                break;
            default:
                report = CompatReport.text(results);
        }
        ReportOutput.emit(report, output, spec.commandLine().getOut());
        return results.stream().allMatch(CompatResult::compatible) ? ExitCodes.OK : ExitCodes.DIVERGENT;
    }

}
