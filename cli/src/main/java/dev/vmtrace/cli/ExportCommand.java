package dev.vmtrace.cli;

import dev.vmtrace.trace.TraceFiles;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceStatus;
import dev.vmtrace.trace.json.JsonlExporter;
import dev.vmtrace.trace.qemu.QemuLogExporter;
import dev.vmtrace.trace.qtest.QtestExporter;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmtrace export}: a trace as a qtest script, JSON Lines, QEMU log lines or a single file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trace: --to qtest (replays on QEMU with -qtest stdio), jsonl, qemu-log",
            "(the lines QEMU's log trace backend prints) or file (single-file form for bug reports)."})
public final class ExportCommand implements Callable<Integer> {
    /** Output kinds. */
    enum To { QTEST, JSONL, QEMU_LOG, FILE }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace directory or single-file trace.")
    Path trace;

    @Option(names = "--to", required = true, paramLabel = "KIND", converter = ToConverter.class,
            description = "qtest, jsonl, qemu-log or file.")
    To to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: stdout; required for file).")
    Path output;

    @Option(names = "--salvage", description = "Skip damaged chunks instead of failing (the gaps are reported on stderr).")
    boolean salvage;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (to == To.FILE) {
            if (output == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to file needs -o FILE");
            }
            try (TraceReader check = TraceReader.open(trace)) {
                check.header();
            }
            long frames = TraceFiles.copy(trace, output, true,
                    e -> err.println("vmtrace: note: left out a damaged frame: " + e.getMessage()));
            spec.commandLine().getOut().printf("exported %s: %d frames -> %s%n", trace, frames, output);
            return ExitCodes.OK;
        }
        try (TraceReader r = TraceReader.open(trace)) {
            r.skipDamage(salvage);
            OutputStream os = output == null ? new WriterOutputStream(spec.commandLine().getOut())
                    : new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
            long n;
            try (os) {
                switch (to) {
                    case QTEST: n = QtestExporter.export(r, os); break;
                    case JSONL: n = JsonlExporter.export(r, os); break;
                    default: n = QemuLogExporter.export(r, os); break;
                }
            }
            TraceStatus st = r.status();
            if (!st.complete()) {
                err.println("vmtrace: note: " + trace + " is incomplete (not closed cleanly); exported the "
                        + st.eventsRead() + " events salvaged");
            }
            if (!st.damage().isEmpty()) {
                err.println("vmtrace: note: skipped " + st.damage().size() + " damaged frame(s), " + st.eventsLost()
                        + " events lost");
            }
            if (output != null) {
                spec.commandLine().getOut().printf("exported %s: %d %s -> %s%n", trace, n,
                        to == To.QTEST ? "commands" : "lines", output);
            }
        }
        return ExitCodes.OK;
    }

    static final class ToConverter implements CommandLine.ITypeConverter<To> {
        @Override
        public To convert(String value) {
            switch (value) {
                case "qtest": return To.QTEST;
                case "jsonl": return To.JSONL;
                case "qemu-log": return To.QEMU_LOG;
                case "file": return To.FILE;
                default: throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not one of qtest, jsonl, qemu-log, file");
            }
        }
    }
}
