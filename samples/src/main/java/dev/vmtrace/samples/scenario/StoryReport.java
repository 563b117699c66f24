package dev.vmtrace.samples.scenario;

import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;

/** Story results as text, JSON, JUnit XML and self-contained HTML. */
public final class StoryReport {
    private StoryReport() {
    }

    public static String text(List<StoryResult> results) {
        StringBuilder sb = new StringBuilder();
        for (StoryResult r : results) {
            sb.append(r.id()).append("  ").append(r.title()).append('\n');
            sb.append("    ").append(r.asExpected() ? "detected as expected" : r.detected() ? "detected, but not as expected" : "NOT detected").append('\n');
            for (VariantVerdict v : r.variants()) {
                sb.append(String.format("    %-8s %s: %s%n", v.broken() ? "broken" : "clean", v.variant(), v.summary()));
            }
            for (StoryFinding f : r.findings()) {
                sb.append(String.format("    %-5s %s [%s] %s: %s%n          %s%n", f.severity(), f.code(), f.variant(), f.path(),
                        f.message(), f.evidence()));
            }
            for (String u : r.unmet()) {
                sb.append("    unmet: ").append(u).append('\n');
            }
        }
        long ok = results.stream().filter(StoryResult::asExpected).count();
        sb.append(ok).append(" of ").append(results.size()).append(" stories detected as expected\n");
        return sb.toString();
    }

    public static JsonObject json(List<StoryResult> results) {
        List<JsonValue> stories = new ArrayList<>();
        for (StoryResult r : results) {
            List<JsonValue> variants = new ArrayList<>();
            for (VariantVerdict v : r.variants()) {
                variants.add(Json.object().put("variant", v.variant()).put("broken", v.broken()).put("summary", v.summary()).build());
            }
            List<JsonValue> findings = new ArrayList<>();
            for (StoryFinding f : r.findings()) {
                findings.add(Json.object().put("severity", f.severity()).put("code", f.code()).put("variant", f.variant())
                        .put("path", f.path()).put("message", f.message()).put("evidence", f.evidence()).build());
            }
            stories.add(Json.object().put("id", r.id()).put("title", r.title()).put("detected", r.detected())
                    .put("as_expected", r.asExpected()).put("variants", Json.array(variants))
                    .put("findings", Json.array(findings)).put("unmet", Json.strings(r.unmet())).build());
        }
        boolean all = results.stream().allMatch(StoryResult::asExpected);
        return Json.object().put("verdict", all ? "as-expected" : "unexpected").put("scenarios", Json.array(stories)).build();
    }

    public static String junit(List<StoryResult> results) {
        long failures = results.stream().filter(r -> !r.asExpected()).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"vmtrace.scenario\" tests=\"").append(results.size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (StoryResult r : results) {
            sb.append("  <testcase classname=\"vmtrace.scenario\" name=\"").append(xml(r.id() + " " + r.title())).append("\"");
            if (r.asExpected()) {
                sb.append("/>\n");
            } else {
                sb.append(">\n    <failure message=\"").append(xml(String.join("; ", r.unmet()))).append("\"/>\n  </testcase>\n");
            }
        }
        return sb.append("</testsuite>\n").toString();
    }

    public static String html(List<StoryResult> results) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>vmtrace scenarios</title>\n<style>"
                + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}"
                + "td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}"
                + ".broken{background:#f4c0c0}.clean{background:#c8f0c8}.ok{color:#070}.bad{color:#a00}</style></head><body>\n");
        sb.append("<h1>vmtrace scenarios</h1>\n<table id=\"summary\"><tr><th>story</th><th>verdict</th></tr>\n");
        for (StoryResult r : results) {
            sb.append("<tr><td><a href=\"#").append(xml(r.id())).append("\">").append(xml(r.id() + " " + r.title())).append("</a></td><td class=\"")
                    .append(r.asExpected() ? "ok\">detected as expected" : "bad\">not as expected").append("</td></tr>\n");
        }
        sb.append("</table>\n");
        for (StoryResult r : results) {
            sb.append("<h2 id=\"").append(xml(r.id())).append("\">").append(xml(r.id() + " " + r.title())).append("</h2>\n<table>");
            sb.append("<tr><th>variant</th><th>verdict</th><th>summary</th></tr>\n");
            for (VariantVerdict v : r.variants()) {
                sb.append("<tr><td>").append(xml(v.variant())).append("</td><td class=\"").append(v.broken() ? "broken\">broken" : "clean\">clean")
                        .append("</td><td>").append(xml(v.summary())).append("</td></tr>\n");
            }
            sb.append("</table>\n<table><tr><th>severity</th><th>code</th><th>variant</th><th>path</th><th>message</th><th>evidence</th></tr>\n");
            for (StoryFinding f : r.findings()) {
                sb.append("<tr><td>").append(xml(f.severity())).append("</td><td><code>").append(xml(f.code())).append("</code></td><td>")
                        .append(xml(f.variant())).append("</td><td>").append(xml(f.path())).append("</td><td>").append(xml(f.message()))
                        .append("</td><td>").append(xml(f.evidence())).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** The JSON report as text. */
    public static String jsonText(List<StoryResult> results) {
        return JsonWriter.pretty(json(results)) + "\n";
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
