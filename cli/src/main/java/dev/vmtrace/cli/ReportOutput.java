package dev.vmtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report to {@code -o FILE} or stdout. */
final class ReportOutput {
    private ReportOutput() {
    }

    static void emit(String report, Path output, PrintWriter out) throws IOException {
        if (output != null) {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, report, StandardCharsets.UTF_8);
        } else {
            out.print(report);
            out.flush();
        }
    }
}
