package dev.vmtrace.compat.report;

import dev.vmtrace.compat.check.CompatResult;
import dev.vmtrace.compat.check.Finding;
import dev.vmtrace.compat.check.Severity;
import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders compat results as text, JSON, JUnit XML or a self-contained HTML page. Several results
 * (for {@code --both}) render into one document; the overall verdict is incompatible when any is.
 */
public final class CompatReport {
    private CompatReport() {
    }

    /** The overall verdict of {@code results}. */
    public static String verdict(List<CompatResult> results) {
        return results.stream().allMatch(CompatResult::compatible) ? "compatible" : "incompatible";
    }

    /** Appends {@code s} and a space, left-aligned in at least {@code width} characters. */
    private static void padded(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(' ');
    }

    /** Human-readable text. */
    public static String text(List<CompatResult> results) {
        StringBuilder sb = new StringBuilder();
        for (CompatResult r : results) {
            sb.append(r.source()).append(" -> ").append(r.destination()).append(": ").append(r.verdict().toUpperCase())
                    .append(" (").append(r.count(Severity.ERROR)).append(" errors, ")
                    .append(r.count(Severity.WARNING)).append(" warnings, ")
                    .append(r.count(Severity.INFO)).append(" info)").append(System.lineSeparator());
            Finding first = r.firstError();
            if (first != null) {
                sb.append("  destination stops at: ").append(first.section()).append(" (").append(first.code()).append(")\n");
            }
            for (Finding f : r.findings()) {
                // padded by hand: String.format's first use loads locale data, a tenth of a short run
                sb.append("  ");
                padded(sb, f.severity().label(), 7);
                padded(sb, f.code().toString(), 30);
                sb.append(f.path()).append(System.lineSeparator());
                sb.append("          ").append(f.message()).append('\n');
                if (!f.evidence().isEmpty()) {
                    sb.append("          evidence: ").append(f.evidence()).append('\n');
                }
            }
        }
        if (results.size() > 1) {
            sb.append("verdict: ").append(verdict(results)).append('\n');
        }
        return sb.toString();
    }

    /** One result as JSON: {@code {"source", "destination", "verdict", "first_error", "findings": [...]}}. */
    public static JsonObject json(CompatResult r) {
        List<JsonValue> fs = new ArrayList<>();
        for (Finding f : r.findings()) {
            fs.add(findingJson(f));
        }
        Finding first = r.firstError();
        return Json.object().put("source", r.source()).put("destination", r.destination()).put("verdict", r.verdict())
                .put("first_error", first == null ? Json.nullValue() : Json.of(first.section()))
                .put("findings", Json.array(fs)).build();
    }

    /** A finding as JSON. */
    public static JsonObject findingJson(Finding f) {
        return Json.object().put("severity", f.severity().label()).put("code", f.code()).put("path", f.path())
                .put("message", f.message()).put("evidence", f.evidence()).put("section", f.section()).build();
    }

    /**
     * JSON of one or more results: a single result is the object itself; several are
     * {@code {"verdict", "results": [...], "findings": [all]}}.
     */
    public static String json(List<CompatResult> results) {
        if (results.size() == 1) {
            return JsonWriter.pretty(json(results.get(0)));
        }
        List<JsonValue> rs = new ArrayList<>();
        List<JsonValue> all = new ArrayList<>();
        for (CompatResult r : results) {
            rs.add(json(r));
            for (Finding f : r.findings()) {
                all.add(findingJson(f));
            }
        }
        return JsonWriter.pretty(Json.object().put("verdict", verdict(results)).put("results", Json.array(rs))
                .put("findings", Json.array(all)).build());
    }

    /** JUnit XML: one test suite per direction, one failing test case per error. */
    public static String junit(List<CompatResult> results) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vmtrace compat\">\n");
        for (CompatResult r : results) {
            long errors = r.count(Severity.ERROR);
            sb.append("  <testsuite name=\"").append(xml(r.source() + " -> " + r.destination())).append("\" tests=\"")
                    .append(Math.max(1, errors)).append("\" failures=\"").append(errors).append("\">\n");
            if (errors == 0) {
                sb.append("    <testcase classname=\"compat\" name=\"").append(xml(r.source() + " -> " + r.destination()))
                        .append("\"/>\n");
            }
            for (Finding f : r.findings()) {
                if (f.severity() != Severity.ERROR) {
                    continue;
                }
                sb.append("    <testcase classname=\"").append(xml(f.code())).append("\" name=\"").append(xml(f.path()))
                        .append("\">\n      <failure message=\"").append(xml(f.message())).append("\">")
                        .append(xml(f.evidence())).append("</failure>\n    </testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    /** A self-contained HTML page (inline CSS, no scripts or external resources). */
    public static String html(List<CompatResult> results) {
        StringBuilder sb = new StringBuilder(Html.head("vmtrace compat: " + verdict(results)));
        sb.append("<h1>vmtrace compat: <span class=\"").append(verdict(results)).append("\">").append(verdict(results))
                .append("</span></h1>\n");
        for (CompatResult r : results) {
            sb.append(Html.resultSection(r, "r" + results.indexOf(r)));
        }
        return sb.append("</body></html>\n").toString();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
