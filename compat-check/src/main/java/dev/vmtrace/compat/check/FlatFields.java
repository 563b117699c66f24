package dev.vmtrace.compat.check;

import dev.vmtrace.compat.model.DescriptionSchema;
import dev.vmtrace.compat.model.FieldSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A description flattened to the fields it puts on the wire (struct boundaries are not sent), with
 * the struct nodes seen on the way, and the matching of two such lists by path, then by name, then
 * across QEMU's {@code name[k]} spelling of repeated names.
 */
final class FlatFields {
    /** A field as it appears on the wire after flattening. */
    record Leaf(String name, String path, FieldSchema field, boolean conditional, boolean opaqueStruct) {
    }

    /** A struct node seen while flattening, to pair nested descriptions. */
    record Node(String name, String path, DescriptionSchema nested, int count) {
    }


    final List<Leaf> leaves = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();

    /** Pairs source leaves with destination leaves: same path first, then same name, then QEMU's name[k] spelling. */
    static int[] match(List<Leaf> src, List<Leaf> dst) {
        int[] match = new int[src.size()];
        java.util.Arrays.fill(match, -1);
        boolean[] used = new boolean[dst.size()];
        for (int i = 0; i < src.size(); i++) {
            for (int j = 0; j < dst.size(); j++) {
                if (!used[j] && dst.get(j).path.equals(src.get(i).path)) {
                    match[i] = j;
                    used[j] = true;
                    break;
                }
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < src.size(); i++) {
            Leaf l = src.get(i);
            int occurrence = seen.merge(l.name, 1, Integer::sum) - 1;
            if (match[i] >= 0) {
                continue;
            }
            int j = firstUnused(dst, used, l.name);
            if (j < 0) {
                j = suffixed(dst, used, l.name, occurrence);
            }
            if (j >= 0) {
                match[i] = j;
                used[j] = true;
            }
        }
        return match;
    }

    private static int firstUnused(List<Leaf> leaves, boolean[] used, String name) {
        for (int j = 0; j < leaves.size(); j++) {
            if (!used[j] && leaves.get(j).name.equals(name)) {
                return j;
            }
        }
        return -1;
    }

    static void plainNames(DescriptionSchema d, Set<String> names) {
        for (FieldSchema f : d.fieldList()) {
            if (f.nested() == null) {
                names.add(f.name());
            } else {
                plainNames(f.nested(), names);
            }
        }
    }

    static void flatten(DescriptionSchema d, int version, String prefix, boolean conditional,
            Set<String> otherPlain, FlatFields flat) {
        for (FieldSchema f : d.fieldList()) {
            if (f.fieldExists() == null || !f.fieldExists()) {
                if (f.versionId() > version) {
                    continue;
                }
            }
            boolean cond = conditional || Boolean.TRUE.equals(f.fieldExists());
            String path = prefix.isEmpty() ? f.name() : prefix + "." + f.name();
            if (f.nested() != null && !otherPlain.contains(f.name())) {
                flat.nodes.add(new Node(f.name(), path, f.nested(), f.count()));
                flatten(f.nested(), f.nested().version(), path, cond, otherPlain, flat);
            } else {
                flat.leaves.add(new Leaf(f.name(), path, f, cond, f.nested() != null));
            }
        }
    }

    private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("(.+)\\[(\\d+)\\]");

    /**
     * QEMU's vmdesc names repeated fields {@code name[k]} (the k-th field of that name); a dump
     * names them all {@code name}. Matches across the two spellings.
     */
    private static int suffixed(List<Leaf> leaves, boolean[] used, String name, int occurrence) {
        java.util.regex.Matcher m = INDEXED.matcher(name);
        if (m.matches()) {
            int j = nth(leaves, m.group(1), Integer.parseInt(m.group(2)));
            if (j >= 0 && !used[j]) {
                return j;
            }
        }
        int j = nth(leaves, name + "[" + occurrence + "]", 0);
        return j >= 0 && !used[j] ? j : -1;
    }

    private static int nth(List<Leaf> leaves, String name, int occurrence) {
        int n = 0;
        for (int j = 0; j < leaves.size(); j++) {
            if (leaves.get(j).name.equals(name) && n++ == occurrence) {
                return j;
            }
        }
        return -1;
    }
}
