package dev.vmtrace.cli;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.ImportSummary;
import dev.vmtrace.trace.TraceFiles;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.Inputs;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import dev.vmtrace.trace.qtest.QtestImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmtrace import}: a QEMU trace log, a qtest script or log, or a single-file trace into a trace directory. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a QEMU trace log (-trace 'memory_region_ops_*', plain or gzip), a qtest script",
            "or log, or a single-file trace (from export --to file) into a trace directory."})
public final class ImportCommand implements Callable<Integer> {
    /** Input kinds. */
    enum From { QEMU_LOG, QTEST, FILE }

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "KIND",
            converter = FromConverter.class, description = "qemu-log, qtest or file.")
    From from;

    @Parameters(index = "0", paramLabel = "FILE", description = "The input file.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRACE",
            description = "Trace directory to create (a Chronicle queue).")
    Path output;

    @Option(names = "--machine", paramLabel = "M", defaultValue = "pc-q35-7.2",
            description = "Machine type the input came from (region rules and placement; default ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--release", paramLabel = "R", defaultValue = "7.2.22",
            description = "QEMU release the input came from (default ${DEFAULT-VALUE}).")
    String release;

    @Option(names = "--force", description = "Replace TRACE if it is an existing trace directory.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(input)) {
            throw BadInputException.unreadable(input.toString(), "no such file", null);
        }
        prepareOutput();
        if (from == From.FILE) {
            long frames = TraceFiles.copy(input, output, false, e -> spec.commandLine().getErr()
                    .println("vmtrace: note: left out a damaged frame: " + e.getMessage()));
            out.printf("imported %s: %d frames -> %s%n", input, frames, output);
            return ExitCodes.OK;
        }
        String kind = from == From.QEMU_LOG ? "qemu-log" : "qtest";
        TraceHeader header = TraceHeader.of("vmtrace import " + kind, machine, release,
                from == From.QTEST ? "qtest" : "", 0, Map.of("source", input.getFileName().toString()));
        AtomicLong read = new AtomicLong();
        long total = Files.size(input);
        ImportSummary s;
        try (InputStream in = Inputs.open(input, read);
             ProgressBar bar = ProgressBar.start("import", total, read::get, spec.commandLine().getErr());
             TraceWriter w = TraceWriter.createInBackground(output, header)) {
            if (from == From.QEMU_LOG) {
                s = new QemuLogImporter(new BuiltinRegionRules(), machine, release).importTo(in, input.toString(), w);
            } else {
                s = new QtestImporter().importTo(in, input.toString(), w);
            }
        } catch (BadInputException e) {
            TraceFiles.deleteQueue(output);
            throw e;
        }
        out.printf("imported %s (%s): %d lines, %d guest accesses (%d inferred), %d other events, %d regions, "
                + "%d events%n", input, kind, s.lines(), s.guestAccesses(), s.inferred(), s.otherEvents(),
                s.regions(), s.events());
        if (s.truncatedLastLine()) {
            out.println("note: the last line was cut off (killed run?) and was dropped");
        }
        out.println("trace: " + output);
        return ExitCodes.OK;
    }

    private void prepareOutput() throws IOException {
        if (Files.exists(output)) {
            boolean empty;
            try (Stream<Path> s = Files.isDirectory(output) ? Files.list(output) : Stream.of(output)) {
                empty = Files.isDirectory(output) && s.findAny().isEmpty();
            }
            if (empty) {
                return;
            }
            if (!force || !TraceFiles.isQueue(output)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "output " + output
                        + " exists" + (TraceFiles.isQueue(output) ? " (use --force to replace it)" : ""));
            }
            TraceFiles.deleteQueue(output);
        }
    }


    static final class FromConverter implements CommandLine.ITypeConverter<From> {
        @Override
        public From convert(String value) {
            switch (value) {
                case "qemu-log": return From.QEMU_LOG;
                case "qtest": return From.QTEST;
                case "file": return From.FILE;
                default: throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not one of qemu-log, qtest, file");
            }
        }
    }

}
