package dev.vmtrace.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run behind the class-data-sharing archive the build writes beside the CLI jar
 * ({@code cli/target/vmtrace.jsa}, used by the {@code ./vmtrace} launcher). The JVM started with
 * {@code -XX:ArchiveClassesAtExit} records every class this run loads, already parsed and
 * verified, and the launcher maps them instead of loading them from the jar: Chronicle Queue,
 * Kryo and the stream decoder then cost a fraction of their usual start-up (measured in
 * docs/performance.md). The run uses the real QEMU artifacts in {@code samples/real}.
 *
 * <p>Run by the build as {@code java -XX:ArchiveClassesAtExit=... -Dvmtrace.cds.samples=SAMPLES_REAL_DIR
 * -Dvmtrace.cds.work=WORK_DIR -jar vmtrace.jar} (see {@link Main}). Not a verb: a build step.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CdsTraining SAMPLES_REAL_DIR WORK_DIR");
            System.exit(ExitCodes.USAGE);
        }
        Path real = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        String q35 = real.resolve("mig/pc-q35-7.2.bin").toString();
        String i440fx = real.resolve("mig/pc-i440fx-7.2.bin").toString();
        String log = real.resolve("trace/ovmf-q35-smp2-max4.devices.log.gz").toString();
        String trace = work.resolve("devices.vmtrace").toString();
        dev.vmtrace.trace.TraceFiles.deleteQueue(Path.of(trace));
        String[][] runs = {
            {"--version"},
            {"compat", q35, i440fx},
            {"compat", "--both", "--format", "json", q35, i440fx},
            {"inspect", q35},
            {"import", "--from", "qemu-log", log, "-o", trace},
            {"inspect", trace},
            {"export", trace, "--to", "qtest", "-o", work.resolve("devices.qtest").toString()},
            {"replay", trace, "--release", "5.1"},
        };
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        for (String[] run : runs) {
            int rc = VmtraceCommand.execute(run, sink, sink);
            // 1 (divergent) is an expected answer for some runs; anything else means the training
            // no longer exercises what it should, which the build must not hide
            if (rc != ExitCodes.OK && rc != ExitCodes.DIVERGENT) {
                System.err.println("CdsTraining: vmtrace " + String.join(" ", run) + " exited " + rc);
                System.exit(ExitCodes.INTERNAL);
            }
        }
        System.exit(ExitCodes.OK);
    }
}
