package dev.vmtrace.compat.report;

import dev.vmtrace.compat.check.CompatResult;
import dev.vmtrace.compat.check.Finding;

/** Shared pieces of vmtrace's self-contained HTML reports. */
public final class Html {
    private Html() {
    }

    /** Document start with inline styles; colours: green compatible, red incompatible. */
    public static String head(String title) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>\n"
                + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}"
                + ".compatible{background:#c8f0c8}.incompatible{background:#f4c0c0}.error{color:#a00}"
                + ".warning{color:#a60}.info{color:#555}.na{background:#eee}code{font-size:90%}\n"
                + "</style></head><body>\n";
    }

    /** One result: a heading with its anchor and a findings table. */
    public static String resultSection(CompatResult r, String anchor) {
        StringBuilder sb = new StringBuilder();
        sb.append("<h2 id=\"").append(esc(anchor)).append("\">").append(esc(r.source())).append(" &rarr; ")
                .append(esc(r.destination())).append(": <span class=\"").append(r.verdict()).append("\">")
                .append(r.verdict()).append("</span></h2>\n");
        if (r.findings().isEmpty()) {
            return sb.append("<p>No findings.</p>\n").toString();
        }
        sb.append("<table><tr><th>severity</th><th>code</th><th>path</th><th>message</th><th>evidence</th></tr>\n");
        for (Finding f : r.findings()) {
            sb.append("<tr><td class=\"").append(f.severity().label()).append("\">").append(f.severity().label())
                    .append("</td><td><code>").append(esc(f.code())).append("</code></td><td>").append(esc(f.path()))
                    .append("</td><td>").append(esc(f.message())).append("</td><td>").append(esc(f.evidence()))
                    .append("</td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /** HTML-escapes text. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
