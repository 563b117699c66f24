package dev.vmtrace.engine.json;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON values with stable output: members in their stored order, two-space indentation,
 * one member or element per line, {@code "key": value}, a final newline from {@link #pretty}.
 * {@link #compact} writes the same value on one line with {@code ", "} and {@code ": "} separators,
 * which is the shape QEMU's vmdesc trailer has.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** Pretty form, ending with a newline. */
    public static String pretty(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, true);
        return sb.append('\n').toString();
    }

    /** One-line form. */
    public static String compact(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, false);
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonValue v, int indent, boolean pretty) {
        if (v instanceof JsonObject o) {
            if (o.members().isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            Iterator<Map.Entry<String, JsonValue>> it = o.members().entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonValue> e = it.next();
                newline(sb, indent + 1, pretty);
                quote(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), indent + 1, pretty);
                if (it.hasNext()) {
                    sb.append(pretty ? "," : ", ");
                }
            }
            newline(sb, indent, pretty);
            sb.append('}');
        } else if (v instanceof JsonArray a) {
            if (a.elements().isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                newline(sb, indent + 1, pretty);
                write(sb, a.get(i), indent + 1, pretty);
                if (i + 1 < a.size()) {
                    sb.append(pretty ? "," : ", ");
                }
            }
            newline(sb, indent, pretty);
            sb.append(']');
        } else if (v instanceof JsonString s) {
            quote(sb, s.value());
        } else if (v instanceof JsonNumber n) {
            sb.append(n.text());
        } else if (v instanceof JsonBoolean b) {
            sb.append(b.value());
        } else {
            sb.append("null");
        }
    }

    private static void newline(StringBuilder sb, int indent, boolean pretty) {
        if (pretty) {
            sb.append('\n');
            for (int i = 0; i < indent; i++) {
                sb.append("  ");
            }
        }
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        quote(sb, s);
        return sb.toString();
    }
}
