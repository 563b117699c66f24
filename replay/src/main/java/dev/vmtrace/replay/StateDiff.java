package dev.vmtrace.replay;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.stream.DecodedField;
import dev.vmtrace.engine.stream.DecodedState;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.stream.StreamSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two QEMU-format state streams field by field, by name: both are decoded through their
 * own vmdesc (the stream codec), flattened to {@code section > [subsection] > field[i]} paths, and
 * every path whose value differs, or that only one side has, is a difference.
 */
public final class StateDiff {
    /** One differing field: {@code expected} or {@code actual} is null when that side lacks it. */
    public record Difference(String path, String expected, String actual) {
    }

    private StateDiff() {
    }

    /** The flattened fields of a stream, in stream order. */
    public static Map<String, String> flatten(byte[] stream, String source) throws BadInputException {
        MigrationStream s = MigrationStreamReader.read(source, stream);
        Map<String, String> out = new LinkedHashMap<>();
        for (StreamSection sec : s.sections()) {
            if (sec.isRam()) {
                continue;
            }
            if (sec.state() == null) {
                out.put(sec.key(), "(undescribed, " + sec.length() + " bytes)");
                continue;
            }
            flatten(sec.key() + " > ", sec.state(), out);
        }
        return out;
    }

    private static void flatten(String prefix, DecodedState st, Map<String, String> out) {
        for (DecodedField f : st.fields()) {
            String name = f.index() >= 0 ? f.name() + "[" + f.index() + "]" : f.name();
            if (f.nested() != null) {
                flatten(prefix + name + ".", f.nested(), out);
            } else {
                out.put(prefix + name, render(f.value()));
            }
        }
        for (DecodedState sub : st.subsections()) {
            flatten(prefix + "[" + sub.vmsdName() + "] > ", sub, out);
        }
    }

    private static String render(StateValue v) {
        if (v instanceof StateValue.Int) {
            return "0x" + Long.toHexString(((StateValue.Int) v).value());
        }
        if (v instanceof StateValue.Bool) {
            return Boolean.toString(((StateValue.Bool) v).value());
        }
        if (v instanceof StateValue.Buf) {
            return ((StateValue.Buf) v).bytes().hex();
        }
        return String.valueOf(v);
    }

    /**
     * The differences between the {@code expected} and {@code actual} streams, in the sections
     * both have. A section only one side has (a device the other machine does not have) is not a
     * field difference: it is listed in {@code onlyOneSide} as {@code "section (trace only)"} or
     * {@code "section (replay only)"}.
     */
    public static List<Difference> compare(byte[] expected, byte[] actual, java.util.Set<String> onlyOneSide)
            throws BadInputException {
        return compare(flatten(expected, "trace snapshot"), flatten(actual, "replay snapshot"), onlyOneSide);
    }

    /**
     * {@link #compare(byte[], byte[], java.util.Set)} on flattened fields. A subsection one side
     * sent and the other did not (QEMU sends some only when needed: {@code ich9_pm/cpuhp} only in
     * modern mode) is one difference, on its path, rather than one per field.
     */
    public static List<Difference> compare(Map<String, String> a, Map<String, String> b,
                                           java.util.Set<String> onlyOneSide) {
        java.util.Set<String> sa = sections(a);
        java.util.Set<String> sb = sections(b);
        java.util.Set<String> subA = subsections(a);
        java.util.Set<String> subB = subsections(b);
        java.util.Set<String> reported = new java.util.HashSet<>();
        List<Difference> out = new ArrayList<>();
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (!sb.contains(section(e.getKey()))) {
                onlyOneSide.add(section(e.getKey()) + " (trace only)");
                continue;
            }
            String sub = subsection(e.getKey());
            if (sub != null && !subB.contains(sub)) {
                if (reported.add(sub)) {
                    out.add(new Difference(sub, "(sent)", null));
                }
                continue;
            }
            String other = b.get(e.getKey());
            if (!e.getValue().equals(other)) {
                out.add(new Difference(e.getKey(), e.getValue(), other));
            }
        }
        for (Map.Entry<String, String> e : b.entrySet()) {
            if (!sa.contains(section(e.getKey()))) {
                onlyOneSide.add(section(e.getKey()) + " (replay only)");
                continue;
            }
            String sub = subsection(e.getKey());
            if (sub != null && !subA.contains(sub)) {
                if (reported.add(sub)) {
                    out.add(new Difference(sub, null, "(sent)"));
                }
                continue;
            }
            if (!a.containsKey(e.getKey())) {
                out.add(new Difference(e.getKey(), null, e.getValue()));
            }
        }
        return out;
    }

    /** The innermost subsection prefix of a path ({@code sec > [a] > f.[b]}), or null. */
    private static String subsection(String path) {
        int close = path.lastIndexOf(']');
        return close < 0 ? null : path.substring(0, close + 1);
    }

    private static java.util.Set<String> subsections(Map<String, String> flat) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String k : flat.keySet()) {
            // Every enclosing subsection of the path is sent when the path is.
            int close = k.indexOf(']');
            while (close >= 0) {
                out.add(k.substring(0, close + 1));
                close = k.indexOf(']', close + 1);
            }
        }
        return out;
    }

    private static String section(String path) {
        int cut = path.indexOf(" > ");
        return cut < 0 ? path : path.substring(0, cut);
    }

    private static java.util.Set<String> sections(Map<String, String> flat) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String k : flat.keySet()) {
            out.add(section(k));
        }
        return out;
    }
}
