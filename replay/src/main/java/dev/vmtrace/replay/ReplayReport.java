package dev.vmtrace.replay;

import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ReplayResult} as text, JSON (schema in docs/replay.md), JUnit XML (one test
 * case for the replay's accesses and one per state checkpoint) or a self-contained HTML page with
 * a divergence timeline (inline CSS and SVG, no scripts, no network).
 */
public final class ReplayReport {
    private ReplayReport() {
    }

    /** Human-readable text. */
    public static String text(ReplayResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("replay of ").append(r.trace()).append(" (recorded on ").append(r.recordedOn()).append(")\n");
        sb.append("on ").append(r.target()).append(": ").append(r.verdict().toUpperCase()).append('\n');
        sb.append(String.format("  events %d, accesses %d, reads compared %d, matching %d, unmodeled %d, "
                + "divergences %d (guest-visible %d)%n", r.events(), r.accesses(), r.readsCompared(), r.readsMatching(),
                r.unmodeled(), r.divergenceCount(), r.guestVisibleCount()));
        for (String n : r.notes()) {
            sb.append("  note: ").append(n).append('\n');
        }
        if (r.migration() != null) {
            ReplayResult.MigrationInfo m = r.migration();
            sb.append("  migration at #").append(m.atSeq()).append(": ").append(m.loaded() ? "loaded" : "FAILED in section '"
                    + m.section() + "': " + m.error()).append('\n');
        }
        ReplayResult.FirstDivergence f = r.first();
        if (f != null) {
            sb.append("\nfirst divergence at #").append(f.divergence().seq()).append(" [")
                    .append(f.divergence().kind().code()).append("]: ").append(f.divergence().message()).append('\n');
            if (!f.divergence().expected().isEmpty()) {
                sb.append("  trace:  ").append(f.divergence().expected()).append('\n');
            }
            if (!f.divergence().actual().isEmpty()) {
                sb.append("  replay: ").append(f.divergence().actual()).append('\n');
            }
            sb.append("  context:\n");
            for (String s : f.before()) {
                sb.append("      ").append(s).append('\n');
            }
            sb.append("  >>> ").append(f.at()).append('\n');
            for (String s : f.after()) {
                sb.append("      ").append(s).append('\n');
            }
            sb.append("\ndivergences by kind and region:\n");
            for (Map.Entry<String, Map<String, Long>> k : r.groups().entrySet()) {
                for (Map.Entry<String, Long> g : new java.util.TreeMap<>(k.getValue()).entrySet()) {
                    sb.append(String.format("  %-14s %-32s %d%n", k.getKey(), g.getKey(), g.getValue()));
                }
            }
            sb.append("\nall divergences").append(r.divergences().size() < r.divergenceCount()
                    ? " (first " + r.divergences().size() + ")" : "").append(":\n");
            for (Divergence d : r.divergences()) {
                sb.append(String.format("  #%-8d %-14s %s%n", d.seq(), d.kind().code(), d.message()));
            }
        }
        boolean stateHeader = false;
        for (ReplayResult.Checkpoint c : r.checkpoints()) {
            if (c.differences().isEmpty()) {
                continue;
            }
            if (!stateHeader) {
                sb.append("\nstate diff:\n");
                stateHeader = true;
            }
            sb.append("  snapshot '").append(c.label()).append("' #").append(c.seq()).append(":\n");
            for (StateDiff.Difference d : c.differences()) {
                sb.append("    ").append(d.path()).append(": trace ").append(d.expected() == null ? "(absent)" : d.expected())
                        .append(", replay ").append(d.actual() == null ? "(absent)" : d.actual()).append('\n');
            }
        }
        if (!r.checkpoints().isEmpty() && !stateHeader) {
            sb.append("  state: ").append(r.checkpoints().size()).append(" snapshot(s) identical\n");
        }
        return sb.toString();
    }

    /** The JSON document. */
    public static String json(ReplayResult r) {
        return JsonWriter.pretty(jsonObject(r));
    }

    /** The JSON object (also embedded in matrix reports). */
    public static JsonObject jsonObject(ReplayResult r) {
        List<JsonValue> ds = new ArrayList<>();
        for (Divergence d : r.divergences()) {
            ds.add(divergence(d));
        }
        JsonValue first = Json.nullValue();
        if (r.first() != null) {
            ReplayResult.FirstDivergence f = r.first();
            first = Json.object().put("divergence", divergence(f.divergence())).put("before", Json.strings(f.before()))
                    .put("at", f.at()).put("after", Json.strings(f.after())).build();
        }
        JsonObject.Builder groups = JsonObject.builder();
        for (Map.Entry<String, Map<String, Long>> k : r.groups().entrySet()) {
            JsonObject.Builder g = JsonObject.builder();
            new java.util.TreeMap<>(k.getValue()).forEach(g::put);
            groups.put(k.getKey(), g.build());
        }
        List<JsonValue> cps = new ArrayList<>();
        for (ReplayResult.Checkpoint c : r.checkpoints()) {
            List<JsonValue> diffs = new ArrayList<>();
            for (StateDiff.Difference d : c.differences()) {
                diffs.add(Json.object().put("path", d.path())
                        .put("expected", d.expected() == null ? Json.nullValue() : Json.of(d.expected()))
                        .put("actual", d.actual() == null ? Json.nullValue() : Json.of(d.actual())).build());
            }
            cps.add(Json.object().put("seq", c.seq()).put("label", c.label()).put("identical", c.differences().isEmpty())
                    .put("differences", Json.array(diffs)).build());
        }
        JsonValue mig = Json.nullValue();
        if (r.migration() != null) {
            ReplayResult.MigrationInfo m = r.migration();
            mig = Json.object().put("at", m.atSeq()).put("from", m.from()).put("to", m.to())
                    .put("stream_bytes", m.streamBytes()).put("loaded", m.loaded())
                    .put("section", m.section() == null ? Json.nullValue() : Json.of(m.section()))
                    .put("error", m.error() == null ? Json.nullValue() : Json.of(m.error())).build();
        }
        return Json.object().put("verdict", r.verdict()).put("trace", r.trace()).put("target", r.target())
                .put("recorded_on", r.recordedOn()).put("events", r.events()).put("accesses", r.accesses())
                .put("reads_compared", r.readsCompared()).put("reads_matching", r.readsMatching())
                .put("unmodeled", r.unmodeled()).put("divergence_count", r.divergenceCount())
                .put("guest_visible", r.guestVisibleCount())
                .put("divergences", Json.array(ds)).put("first_divergence", first).put("groups", groups.build())
                .put("checkpoints", Json.array(cps)).put("migration", mig).put("notes", Json.strings(r.notes()))
                .build();
    }

    static JsonObject divergence(Divergence d) {
        return Json.object().put("kind", d.kind().code()).put("seq", d.seq()).put("region", d.region())
                .put("message", d.message()).put("expected", d.expected()).put("actual", d.actual()).build();
    }

    /** JUnit XML: a test case for the accesses and one per checkpoint (and the migration). */
    public static String junit(ReplayResult r) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vmtrace replay\">\n");
        suite(sb, r, r.trace() + " on " + r.target());
        return sb.append("</testsuites>\n").toString();
    }

    static void suite(StringBuilder sb, ReplayResult r, String name) {
        List<String[]> cases = new ArrayList<>();
        long accessDivs = r.divergenceCount();
        for (ReplayResult.Checkpoint c : r.checkpoints()) {
            accessDivs -= c.differences().size();
        }
        if (r.migration() != null && !r.migration().loaded()) {
            accessDivs--;
        }
        ReplayResult.FirstDivergence f = r.first();
        String firstMsg = f == null ? "" : "#" + f.divergence().seq() + " " + f.divergence().message();
        cases.add(new String[] {"accesses", accessDivs == 0 ? null : accessDivs + " divergence(s); first: " + firstMsg});
        for (ReplayResult.Checkpoint c : r.checkpoints()) {
            String msg = null;
            if (!c.differences().isEmpty()) {
                StateDiff.Difference d = c.differences().get(0);
                msg = c.differences().size() + " field(s) differ; first: " + d.path();
            }
            cases.add(new String[] {"snapshot #" + c.seq() + " " + c.label(), msg});
        }
        if (r.migration() != null) {
            cases.add(new String[] {"migration at #" + r.migration().atSeq(), r.migration().loaded() ? null
                    : "section '" + r.migration().section() + "': " + r.migration().error()});
        }
        long failures = cases.stream().filter(c -> c[1] != null).count();
        sb.append("  <testsuite name=\"").append(xml(name)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        for (String[] c : cases) {
            sb.append("    <testcase classname=\"").append(xml(name)).append("\" name=\"").append(xml(c[0])).append('"');
            if (c[1] == null) {
                sb.append("/>\n");
            } else {
                sb.append(">\n      <failure message=\"").append(xml(c[1])).append("\">").append(xml(c[1]))
                        .append("</failure>\n    </testcase>\n");
            }
        }
        sb.append("  </testsuite>\n");
    }

    /** A self-contained HTML page with a divergence timeline. */
    public static String html(ReplayResult r) {
        StringBuilder sb = new StringBuilder(ReplayHtml.head("vmtrace replay: " + r.verdict()));
        sb.append("<h1>vmtrace replay: <span class=\"").append(r.verdict()).append("\">").append(r.verdict())
                .append("</span></h1>\n");
        ReplayHtml.result(sb, r);
        return sb.append("</body></html>\n").toString();
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                default:
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }
}
