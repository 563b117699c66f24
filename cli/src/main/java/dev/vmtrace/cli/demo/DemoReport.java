package dev.vmtrace.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        Files.writeString(outDir.resolve("index.html"), html(outDir, results), StandardCharsets.UTF_8);
    }

    /** A self-contained index: every step's verdict and facts, and links to the reports it wrote. */
    static String html(Path outDir, List<StepResult> results) throws IOException {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>vmtrace demo</title>\n<style>"
                + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}"
                + ".ok{background:#c8f0c8}.fail{background:#f4c0c0}</style></head><body>\n<h1>vmtrace demo</h1>\n");
        b.append("<table id=\"steps\"><tr><th>step</th><th>verdict</th><th>facts</th></tr>\n");
        for (StepResult r : results) {
            b.append("<tr class=\"").append(r.ok() ? "ok" : "fail").append("\"><td>").append(esc(r.title())).append("</td><td>")
                    .append(r.ok() ? "ok: " : "FAIL: ").append(esc(r.verdict())).append("</td><td>");
            for (String f : r.facts()) {
                b.append(esc(f)).append("<br>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Reports</h2>\n<ul>\n");
        List<Path> reports;
        try (Stream<Path> s = Files.walk(outDir)) {
            reports = s.filter(p -> p.toString().endsWith(".html") && !p.getFileName().toString().equals("index.html"))
                    .sorted().collect(Collectors.toList());
        }
        for (Path p : reports) {
            String rel = outDir.relativize(p).toString().replace('\\', '/');
            b.append("<li><a href=\"").append(esc(rel)).append("\">").append(esc(rel)).append("</a></li>\n");
        }
        return b.append("</ul>\n</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
