package dev.vmtrace.compat.gate;

import dev.vmtrace.compat.check.Finding;
import dev.vmtrace.compat.report.CompatReport;
import dev.vmtrace.compat.report.Html;
import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gate results as text, JSON, JUnit XML, and a self-contained HTML matrix (artifact x direction). */
public final class GateReport {
    private static final List<String> DIRECTIONS = List.of("baseline -> candidate", "candidate -> baseline");

    private GateReport() {
    }

    private static String verdict(List<GatePair> pairs) {
        return Gate.passes(pairs) ? "pass" : "fail";
    }

    /** Text: one line per pair, then every unlisted finding with the allowlist line that would list it. */
    public static String text(List<GatePair> pairs) {
        StringBuilder sb = new StringBuilder();
        for (GatePair p : pairs) {
            sb.append(String.format("%-4s %-32s %-22s %s%n", p.passes() ? "ok" : "FAIL", p.artifact(), p.direction(),
                    p.result() == null ? p.problem() : p.result().verdict() + ", " + p.unlisted() + " unlisted of "
                            + p.result().findings().size() + " findings"));
            if (p.result() == null) {
                continue;
            }
            for (int i = 0; i < p.result().findings().size(); i++) {
                if (!p.allowlisted().get(i)) {
                    Finding f = p.result().findings().get(i);
                    sb.append("       ").append(f.severity().label()).append(' ').append(f.code()).append(' ')
                            .append(f.path()).append(": ").append(f.message()).append('\n');
                    sb.append("       allowlist line: ").append(Allowlist.lineFor(p.artifact(), f)).append('\n');
                }
            }
        }
        sb.append("gate: ").append(verdict(pairs)).append('\n');
        return sb.toString();
    }

    /** JSON: {@code {"verdict": "pass"|"fail", "pairs": [{artifact, direction, verdict, findings: [... allowlisted]}]}}. */
    public static String json(List<GatePair> pairs) {
        List<JsonValue> ps = new ArrayList<>();
        for (GatePair p : pairs) {
            JsonObject.Builder o = Json.object().put("artifact", p.artifact()).put("direction", p.direction())
                    .put("passes", p.passes());
            if (p.result() == null) {
                o.put("problem", p.problem());
            } else {
                o.put("verdict", p.result().verdict());
                List<JsonValue> fs = new ArrayList<>();
                for (int i = 0; i < p.result().findings().size(); i++) {
                    JsonObject f = CompatReport.findingJson(p.result().findings().get(i));
                    JsonObject.Builder fb = Json.object();
                    f.members().forEach(fb::put);
                    fs.add(fb.put("allowlisted", p.allowlisted().get(i)).build());
                }
                o.put("findings", Json.array(fs));
            }
            ps.add(o.build());
        }
        return JsonWriter.pretty(Json.object().put("verdict", verdict(pairs)).put("pairs", Json.array(ps)).build());
    }

    /** JUnit XML: a test suite per artifact, a test case per direction, failing when it has unlisted findings. */
    public static String junit(List<GatePair> pairs) {
        Map<String, List<GatePair>> byArtifact = byArtifact(pairs);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vmtrace gate\">\n");
        for (Map.Entry<String, List<GatePair>> e : byArtifact.entrySet()) {
            long failures = e.getValue().stream().filter(p -> !p.passes()).count();
            sb.append("  <testsuite name=\"").append(Html.esc(e.getKey())).append("\" tests=\"").append(e.getValue().size())
                    .append("\" failures=\"").append(failures).append("\">\n");
            for (GatePair p : e.getValue()) {
                sb.append("    <testcase classname=\"").append(Html.esc(p.artifact())).append("\" name=\"")
                        .append(Html.esc(p.direction())).append('"');
                if (p.passes()) {
                    sb.append("/>\n");
                    continue;
                }
                StringBuilder detail = new StringBuilder(p.result() == null ? p.problem() : "");
                if (p.result() != null) {
                    for (int i = 0; i < p.result().findings().size(); i++) {
                        if (!p.allowlisted().get(i)) {
                            Finding f = p.result().findings().get(i);
                            detail.append(f.code()).append(' ').append(f.path()).append(": ").append(f.message()).append('\n');
                        }
                    }
                }
                sb.append(">\n      <failure message=\"").append(p.unlisted()).append(" unlisted findings\">")
                        .append(Html.esc(detail.toString())).append("</failure>\n    </testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    /** Self-contained HTML: the matrix (artifacts x directions, colour = verdict, cells link to findings). */
    public static String html(List<GatePair> pairs) {
        StringBuilder sb = new StringBuilder(Html.head("vmtrace gate: " + verdict(pairs)));
        sb.append("<h1>vmtrace gate: <span class=\"").append(Gate.passes(pairs) ? "compatible" : "incompatible")
                .append("\">").append(verdict(pairs)).append("</span></h1>\n");
        sb.append("<table><tr><th>artifact</th>");
        for (String d : DIRECTIONS) {
            sb.append("<th>").append(Html.esc(d)).append("</th>");
        }
        sb.append("</tr>\n");
        Map<String, List<GatePair>> byArtifact = byArtifact(pairs);
        int n = 0;
        Map<GatePair, String> anchors = new LinkedHashMap<>();
        for (GatePair p : pairs) {
            anchors.put(p, "p" + n++);
        }
        for (Map.Entry<String, List<GatePair>> e : byArtifact.entrySet()) {
            sb.append("<tr><td>").append(Html.esc(e.getKey())).append("</td>");
            for (String d : DIRECTIONS) {
                GatePair p = e.getValue().stream().filter(x -> x.direction().equals(d)).findFirst().orElse(null);
                if (p == null) {
                    sb.append("<td class=\"na\">-</td>");
                    continue;
                }
                String label = p.result() == null ? "missing" : p.result().verdict() + (p.passes() ? "" : ", "
                        + p.unlisted() + " unlisted");
                sb.append("<td class=\"").append(p.passes() ? "compatible" : "incompatible").append("\"><a href=\"#")
                        .append(anchors.get(p)).append("\">").append(Html.esc(label)).append("</a></td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        for (GatePair p : pairs) {
            if (p.result() == null) {
                sb.append("<h2 id=\"").append(anchors.get(p)).append("\">").append(Html.esc(p.artifact())).append(": ")
                        .append(Html.esc(p.problem())).append("</h2>\n");
            } else {
                sb.append(Html.resultSection(p.result(), anchors.get(p)));
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static Map<String, List<GatePair>> byArtifact(List<GatePair> pairs) {
        Map<String, List<GatePair>> m = new LinkedHashMap<>();
        for (GatePair p : pairs) {
            m.computeIfAbsent(p.artifact(), k -> new ArrayList<>()).add(p);
        }
        return m;
    }
}
