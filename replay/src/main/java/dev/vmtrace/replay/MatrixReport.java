package dev.vmtrace.replay;

import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link ReplayMatrix.Result}: text table, JSON, JUnit XML, HTML heatmap. */
public final class MatrixReport {
    private MatrixReport() {
    }

    private static String first(ReplayMatrix.Cell c) {
        if (c.result() == null) {
            return c.error();
        }
        ReplayResult.FirstDivergence f = c.result().first();
        return f == null ? "" : "#" + f.divergence().seq() + " [" + f.divergence().kind().code() + "] "
                + f.divergence().message();
    }

    /** Text: one line per cell. */
    public static String text(ReplayMatrix.Result m) {
        StringBuilder sb = new StringBuilder("replay matrix of ").append(m.trace()).append(": ")
                .append(m.verdict().toUpperCase()).append('\n');
        for (ReplayMatrix.Cell c : m.cells()) {
            sb.append(String.format("  %-48s %-10s %6s %6s  %s%n", c.settings(), c.verdict(),
                    c.result() == null ? "" : Long.toString(c.result().divergenceCount()),
                    c.result() == null ? "" : "(" + c.result().guestVisibleCount() + ")", first(c)));
        }
        return sb.toString();
    }

    /** JSON: {@code {"verdict", "trace", "axes", "cells": [{"settings", "verdict", "divergence_count", "first_divergence", "error", "result"}]}}. */
    public static String json(ReplayMatrix.Result m) {
        JsonObject.Builder axes = JsonObject.builder();
        for (ReplayMatrix.Axis a : m.axes()) {
            axes.put(a.key(), Json.strings(a.values()));
        }
        List<JsonValue> cells = new ArrayList<>();
        for (ReplayMatrix.Cell c : m.cells()) {
            JsonObject.Builder s = JsonObject.builder();
            c.settings().forEach(s::put);
            JsonObject.Builder b = Json.object().put("settings", s.build()).put("verdict", c.verdict());
            if (c.result() != null) {
                b.put("divergence_count", c.result().divergenceCount())
                        .put("guest_visible", c.result().guestVisibleCount()).put("first_divergence", first(c))
                        .put("error", Json.nullValue()).put("result", ReplayReport.jsonObject(c.result()));
            } else {
                b.put("divergence_count", Json.nullValue()).put("guest_visible", Json.nullValue())
                        .put("first_divergence", Json.nullValue())
                        .put("error", c.error()).put("result", Json.nullValue());
            }
            cells.add(b.build());
        }
        return JsonWriter.pretty(Json.object().put("verdict", m.verdict()).put("trace", m.trace())
                .put("axes", axes.build()).put("cells", Json.array(cells)).build());
    }

    /** JUnit: one test suite per cell (see {@link ReplayReport#junit}). */
    public static String junit(ReplayMatrix.Result m) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vmtrace replay matrix\">\n");
        for (ReplayMatrix.Cell c : m.cells()) {
            if (c.result() != null) {
                ReplayReport.suite(sb, c.result(), c.settings().toString());
            } else {
                sb.append("  <testsuite name=\"").append(ReplayReport.xml(c.settings().toString()))
                        .append("\" tests=\"1\" skipped=\"1\">\n    <testcase classname=\"matrix\" name=\"replay\"><skipped message=\"")
                        .append(ReplayReport.xml(c.error())).append("\"/></testcase>\n  </testsuite>\n");
            }
        }
        return sb.append("</testsuites>\n").toString();
    }

    /**
     * HTML heatmap: rows are the combinations of every axis but the last, columns the last
     * axis's values; green identical, red divergent (darker with more divergences), grey n/a.
     */
    public static String html(ReplayMatrix.Result m) {
        StringBuilder sb = new StringBuilder(ReplayHtml.head("vmtrace replay matrix: " + m.verdict()));
        sb.append("<h1>vmtrace replay matrix: <span class=\"").append(m.verdict()).append("\">").append(m.verdict())
                .append("</span></h1>\n<p>Trace <code>").append(ReplayHtml.esc(m.trace())).append("</code></p>\n");
        ReplayMatrix.Axis col = m.axes().isEmpty() ? null : m.axes().get(m.axes().size() - 1);
        Map<String, Map<String, ReplayMatrix.Cell>> rows = new LinkedHashMap<>();
        for (ReplayMatrix.Cell c : m.cells()) {
            Map<String, String> rest = new LinkedHashMap<>(c.settings());
            String colValue = col == null ? "replay" : rest.remove(col.key());
            rows.computeIfAbsent(rest.isEmpty() ? "-" : rest.toString(), k -> new LinkedHashMap<>()).put(colValue, c);
        }
        List<String> cols = col == null ? List.of("replay") : col.values();
        sb.append("<table><tr><th></th>");
        for (String v : cols) {
            sb.append("<th>").append(col == null ? "" : ReplayHtml.esc(col.key() + "=")).append(ReplayHtml.esc(v))
                    .append("</th>");
        }
        sb.append("</tr>\n");
        for (Map.Entry<String, Map<String, ReplayMatrix.Cell>> row : rows.entrySet()) {
            sb.append("<tr><th>").append(ReplayHtml.esc(row.getKey())).append("</th>");
            for (String v : cols) {
                ReplayMatrix.Cell c = row.getValue().get(v);
                if (c == null) {
                    sb.append("<td class=\"error\"></td>");
                    continue;
                }
                String cls = c.result() == null ? "error" : c.verdict();
                String shade = "";
                if (c.result() != null && !c.result().identical()) {
                    int alpha = (int) Math.min(100, 35 + 15 * Math.log10(1 + c.result().divergenceCount()) * 3);
                    shade = " style=\"background:rgba(200,0,0," + alpha / 100.0 + ")\"";
                }
                sb.append("<td class=\"").append(cls).append('"').append(shade).append(" title=\"")
                        .append(ReplayHtml.esc(first(c) == null ? "" : first(c))).append("\">").append(c.verdict());
                if (c.result() != null && !c.result().identical()) {
                    sb.append(" (").append(c.result().divergenceCount()).append(", guest-visible ")
                            .append(c.result().guestVisibleCount()).append(")<br><small>")
                            .append(ReplayHtml.esc(c.result().first().divergence().kind().code())).append(" #")
                            .append(c.result().first().divergence().seq()).append("</small>");
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<h2>First divergence per cell</h2>\n<table><tr><th>cell</th><th>verdict</th><th>first divergence</th></tr>\n");
        for (ReplayMatrix.Cell c : m.cells()) {
            sb.append("<tr><td>").append(ReplayHtml.esc(c.settings().toString())).append("</td><td class=\"")
                    .append(c.result() == null ? "error" : c.verdict()).append("\">").append(c.verdict()).append("</td><td>")
                    .append(ReplayHtml.esc(String.valueOf(first(c)))).append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }
}
