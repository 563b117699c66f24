package dev.vmtrace.replay;

import java.util.Map;

/** Shared pieces of the replay and matrix HTML pages (inline CSS and SVG only). */
final class ReplayHtml {
    private ReplayHtml() {
    }

    static String head(String title) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>\n"
                + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}"
                + ".identical{background:#c8f0c8}.divergent{background:#f4c0c0}.error{background:#ddd}"
                + "pre{background:#f6f6f6;padding:8px}code{font-size:90%}.at{background:#fde68a}\n"
                + "</style></head><body>\n";
    }

    static void result(StringBuilder sb, ReplayResult r) {
        sb.append("<p>Trace <code>").append(esc(r.trace())).append("</code> (recorded on ").append(esc(r.recordedOn()))
                .append(") replayed on <code>").append(esc(r.target())).append("</code>.</p>\n");
        sb.append("<table><tr><th>events</th><th>accesses</th><th>reads compared</th><th>reads matching</th>"
                + "<th>unmodeled</th><th>divergences</th></tr>\n<tr><td>").append(r.events()).append("</td><td>")
                .append(r.accesses()).append("</td><td>").append(r.readsCompared()).append("</td><td>")
                .append(r.readsMatching()).append("</td><td>").append(r.unmodeled()).append("</td><td>")
                .append(r.divergenceCount()).append("</td></tr></table>\n");
        for (String n : r.notes()) {
            sb.append("<p><i>").append(esc(n)).append("</i></p>\n");
        }
        timeline(sb, r);
        ReplayResult.FirstDivergence f = r.first();
        if (f != null) {
            sb.append("<h2>First divergence</h2>\n<p><b>#").append(f.divergence().seq()).append(" [")
                    .append(esc(f.divergence().kind().code())).append("]</b> ").append(esc(f.divergence().message()))
                    .append("</p>\n<table><tr><th>trace</th><td><code>").append(esc(f.divergence().expected()))
                    .append("</code></td></tr><tr><th>replay</th><td><code>").append(esc(f.divergence().actual()))
                    .append("</code></td></tr></table>\n<pre>");
            for (String s : f.before()) {
                sb.append(esc(s)).append('\n');
            }
            sb.append("<span class=\"at\">").append(esc(f.at())).append("</span>\n");
            for (String s : f.after()) {
                sb.append(esc(s)).append('\n');
            }
            sb.append("</pre>\n<h2>By kind and region</h2>\n<table><tr><th>kind</th><th>region</th><th>count</th></tr>\n");
            for (Map.Entry<String, Map<String, Long>> k : r.groups().entrySet()) {
                for (Map.Entry<String, Long> g : new java.util.TreeMap<>(k.getValue()).entrySet()) {
                    sb.append("<tr><td>").append(esc(k.getKey())).append("</td><td>").append(esc(g.getKey()))
                            .append("</td><td>").append(g.getValue()).append("</td></tr>\n");
                }
            }
            sb.append("</table>\n<h2>Divergences</h2>\n<table><tr><th>seq</th><th>kind</th><th>region</th>"
                    + "<th>message</th></tr>\n");
            int shown = 0;
            for (Divergence d : r.divergences()) {
                if (shown++ == 1000) {
                    sb.append("<tr><td colspan=\"4\">... (see the JSON report for all)</td></tr>\n");
                    break;
                }
                sb.append("<tr><td>").append(d.seq()).append("</td><td>").append(esc(d.kind().code())).append("</td><td>")
                        .append(esc(d.region())).append("</td><td>").append(esc(d.message())).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        for (ReplayResult.Checkpoint c : r.checkpoints()) {
            if (c.differences().isEmpty()) {
                continue;
            }
            sb.append("<h2>State diff at snapshot '").append(esc(c.label())).append("' #").append(c.seq())
                    .append("</h2>\n<table><tr><th>field</th><th>trace</th><th>replay</th></tr>\n");
            for (StateDiff.Difference d : c.differences()) {
                sb.append("<tr><td>").append(esc(d.path())).append("</td><td>")
                        .append(esc(String.valueOf(d.expected()))).append("</td><td>")
                        .append(esc(String.valueOf(d.actual()))).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
    }

    /** An SVG strip: the trace's event range, one tick per divergence (red), checkpoints (blue). */
    private static void timeline(StringBuilder sb, ReplayResult r) {
        long span = Math.max(1, r.events());
        int w = 800;
        sb.append("<h2>Divergence timeline</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w + 20)
                .append("\" height=\"50\" role=\"img\" aria-label=\"divergence timeline\">\n<rect x=\"10\" y=\"15\" width=\"")
                .append(w).append("\" height=\"20\" fill=\"#c8f0c8\" stroke=\"#999\"/>\n");
        for (ReplayResult.Checkpoint c : r.checkpoints()) {
            long x = 10 + c.seq() * w / span;
            sb.append("<line x1=\"").append(x).append("\" y1=\"10\" x2=\"").append(x).append("\" y2=\"40\" stroke=\"#36c\">")
                    .append("<title>snapshot ").append(esc(c.label())).append(" #").append(c.seq()).append("</title></line>\n");
        }
        long lastX = -1;
        for (Divergence d : r.divergences()) {
            long x = 10 + Math.min(d.seq(), span) * w / span;
            if (x == lastX) {
                continue;
            }
            lastX = x;
            sb.append("<line x1=\"").append(x).append("\" y1=\"15\" x2=\"").append(x).append("\" y2=\"35\" stroke=\"#c00\" stroke-width=\"2\">")
                    .append("<title>#").append(d.seq()).append(' ').append(esc(d.kind().code())).append(": ")
                    .append(esc(d.message())).append("</title></line>\n");
        }
        sb.append("<text x=\"10\" y=\"49\" font-size=\"10\">#0</text><text x=\"").append(w - 30)
                .append("\" y=\"49\" font-size=\"10\">#").append(r.events()).append("</text>\n</svg>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
