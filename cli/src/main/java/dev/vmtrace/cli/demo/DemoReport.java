package dev.vmtrace.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the demo's summary as JSON and text, and prints the summary table. */
public final class DemoReport {
    private DemoReport() {
    }

    public static void write(Path outDir, List<StepResult> results) throws IOException {
        Files.createDirectories(outDir);
        StringBuilder json = new StringBuilder("{\"steps\": [");
        for (int i = 0; i < results.size(); i++) {
            StepResult r = results.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("  {\"title\": ").append(quote(r.title()))
                .append(", \"ok\": ").append(r.ok())
                .append(", \"verdict\": ").append(quote(r.verdict()))
                .append(", \"facts\": [");
            for (int j = 0; j < r.facts().size(); j++) {
                json.append(j == 0 ? "" : ", ").append(quote(r.facts().get(j)));
            }
            json.append("]}");
        }
        json.append("\n]}\n");
        Files.writeString(outDir.resolve("demo.json"), json, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        for (StepResult r : results) {
            text.append(r.ok() ? "ok   " : "FAIL ").append(r.title()).append(": ").append(r.verdict()).append('\n');
            for (String f : r.facts()) {
                text.append("     ").append(f).append('\n');
            }
        }
        Files.writeString(outDir.resolve("summary.txt"), text, StandardCharsets.UTF_8);
    }

    public static void printSummary(PrintWriter out, List<StepResult> results) {
        int width = results.stream().mapToInt(r -> r.title().length()).max().orElse(4);
        out.println("Summary");
        for (StepResult r : results) {
            out.printf("  %-4s  %-" + width + "s  %s%n", r.ok() ? "ok" : "FAIL", r.title(), r.verdict());
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
