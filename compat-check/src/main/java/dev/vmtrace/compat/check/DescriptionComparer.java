package dev.vmtrace.compat.check;

import dev.vmtrace.compat.model.DescriptionSchema;
import dev.vmtrace.compat.model.FieldSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what a source sends for one description with what the destination reads, field by
 * field by name (not by position). Nested structs are flattened to the fields they put on the
 * wire, because struct boundaries are not sent: moving fields into a wrapper struct is harmless,
 * while a size, order or presence change is not. A struct on one side and a plain field of the
 * same name on the other stays a unit and is reported. Presence follows QEMU: a field is on the
 * wire when its version is at most the version of its description (the incoming one at the top
 * and for subsections, each side's own for nested structs); a {@code field_exists} test makes it
 * conditional, which turns errors about it into warnings.
 */
final class DescriptionComparer {
    private final List<Finding> out;
    private final String section;
    private final boolean destinationKnowsAllSubsections;
    private final boolean sourceOmitsEmptyArrays;
    private final ByteShift shift;

    /**
     * @param destinationKnowsAllSubsections the destination lists every subsection it can load (a
     *        dump or vmtrace schema), not only those it sent (a stream)
     * @param sourceOmitsEmptyArrays the source is a vmdesc, which leaves out variable arrays with no
     *        elements, compared with a destination that cannot show array lengths (a dump)
     * @param shift told which findings change the number of bytes the destination reads
     */
    DescriptionComparer(List<Finding> out, String section, boolean destinationKnowsAllSubsections,
            boolean sourceOmitsEmptyArrays, ByteShift shift) {
        this.out = out;
        this.section = section;
        this.destinationKnowsAllSubsections = destinationKnowsAllSubsections;
        this.sourceOmitsEmptyArrays = sourceOmitsEmptyArrays;
        this.shift = shift;
    }

    /** Compares fields and subsections of {@code src} sent at {@code version} against {@code dst}. */
    void compare(DescriptionSchema src, DescriptionSchema dst, int version, String path) {
        if (src.fields() != null && !src.fieldList().isEmpty() && dst.fields() == null) {
            add(FindingCode.FIELDS_MISSING, path, "destination description " + dst.name() + " has no fields; the source sends "
                    + src.fieldList().size(), "source fields: " + names(src.fieldList()));
        } else {
            compareFields(src, dst, version, path);
        }
        compareSubsections(src, dst, path);
    }

    private void compareFields(DescriptionSchema src, DescriptionSchema dst, int version, String path) {
        Set<String> srcPlain = new HashSet<>();
        Set<String> dstPlain = new HashSet<>();
        FlatFields.plainNames(src, srcPlain);
        FlatFields.plainNames(dst, dstPlain);
        FlatFields s = new FlatFields();
        FlatFields d = new FlatFields();
        FlatFields.flatten(src, version, "", false, dstPlain, s);
        FlatFields.flatten(dst, version, "", false, srcPlain, d);
        int[] match = FlatFields.match(s.leaves, d.leaves);
        boolean[] dstUsed = new boolean[d.leaves.size()];
        for (int m : match) {
            if (m >= 0) {
                dstUsed[m] = true;
            }
        }
        boolean[] quotable = ByteShift.quotableFrom(d.leaves);
        int lastDst = -1;
        boolean reorderReported = false;
        for (int i = 0; i < s.leaves.size(); i++) {
            FlatFields.Leaf a = s.leaves.get(i);
            if (match[i] < 0) {
                continue;
            }
            FlatFields.Leaf b = d.leaves.get(match[i]);
            compareLeaf(a, b, path, quotable[match[i]]);
            if (match[i] < lastDst && !reorderReported) {
                add(FindingCode.FIELD_REORDERED, at(path, a.path()), "field " + a.path() + " comes earlier in the destination",
                        "source order: " + leafNames(s.leaves) + "; destination order: " + leafNames(d.leaves));
                // the destination misreads from its first field on
                shift.same(out.size() - 1, quotable[0]);
                reorderReported = true;
            }
            lastDst = Math.max(lastDst, match[i]);
        }
        List<FlatFields.Leaf> srcLeft = new ArrayList<>();
        for (int i = 0; i < s.leaves.size(); i++) {
            if (match[i] < 0) {
                srcLeft.add(s.leaves.get(i));
            }
        }
        List<FlatFields.Leaf> dstLeft = new ArrayList<>();
        for (int j = 0; j < d.leaves.size(); j++) {
            if (!dstUsed[j]) {
                dstLeft.add(d.leaves.get(j));
            }
        }
        pairPadding(srcLeft, dstLeft, path);
        srcLeft = group(srcLeft, s, d, match, quotable, FindingCode.FIELD_MISSING_IN_DESTINATION, "source sends",
                "but the destination does not read it", path, false);
        dstLeft = group(dstLeft, d, d, match, quotable, FindingCode.FIELD_EXTRA_IN_DESTINATION, "destination reads",
                "but the source does not send it", path, sourceOmitsEmptyArrays);
        for (FlatFields.Leaf a : srcLeft) {
            Finding f = finding(FindingCode.FIELD_MISSING_IN_DESTINATION, at(path, a.path()),
                    "source sends " + a.path() + " (" + describe(a.field()) + ") but the destination does not read it",
                    "destination fields: " + leafNames(d.leaves));
            out.add(a.conditional() ? f.withSeverity(Severity.WARNING) : f);
            if (!a.conditional()) {
                shift.field(out.size() - 1, a.field(), quotable[ByteShift.nextRead(s.leaves.indexOf(a), match, d.leaves.size())]);
            }
        }
        Set<String> matchedNames = new HashSet<>();
        for (int j = 0; j < d.leaves.size(); j++) {
            if (dstUsed[j]) {
                matchedNames.add(d.leaves.get(j).name());
            }
        }
        for (FlatFields.Leaf b : dstLeft) {
            if (b.conditional() && matchedNames.contains(b.name())) {
                // Another field of this name was matched: this one is its alternative layout
                // (QEMU's fw_cfg cur_offset, PCIDevice config), chosen by field_exists.
                continue;
            }
            Finding f = finding(FindingCode.FIELD_EXTRA_IN_DESTINATION, at(path, b.path()),
                    "destination reads " + b.path() + " (" + describe(b.field()) + ") but the source does not send it",
                    "source fields: " + leafNames(s.leaves));
            out.add(b.conditional() || sourceOmitsEmptyArrays ? f.withSeverity(Severity.WARNING) : f);
            if (!b.conditional() && !sourceOmitsEmptyArrays) {
                shift.field(out.size() - 1, b.field(), quotable[d.leaves.indexOf(b)]);
            }
        }
        shift.read(d.leaves);
        compareNodes(s, d, path, dstUsed, quotable);
    }

    /**
     * Unmatched leaves that make up a whole struct on their side are reported once, for the struct;
     * returns the leaves still to report one by one.
     */
    private List<FlatFields.Leaf> group(List<FlatFields.Leaf> left, FlatFields flat, FlatFields dst, int[] match, boolean[] quotable,
            FindingCode code, String verb, String tail, String path, boolean warnOnly) {
        List<FlatFields.Leaf> rest = new ArrayList<>(left);
        for (FlatFields.Node n : flat.nodes) {
            String prefix = n.path() + ".";
            List<FlatFields.Leaf> under = new ArrayList<>();
            int total = 0;
            for (FlatFields.Leaf l : flat.leaves) {
                if (l.path().startsWith(prefix)) {
                    total++;
                }
            }
            for (FlatFields.Leaf l : rest) {
                if (l.path().startsWith(prefix)) {
                    under.add(l);
                }
            }
            if (total == 0 || under.size() != total) {
                continue;
            }
            rest.removeAll(under);
            boolean conditional = under.stream().allMatch(l -> l.conditional());
            if (conditional && code == FindingCode.FIELD_EXTRA_IN_DESTINATION) {
                continue;
            }
            Finding f = finding(code, at(path, n.path()), verb + " struct " + n.path() + " (" + n.nested().name() + ", "
                    + total + " fields) " + tail, warnOnly ? "a vmdesc leaves out variable arrays with no elements" : "");
            out.add(conditional || warnOnly ? f.withSeverity(Severity.WARNING) : f);
            if (!conditional && !warnOnly) {
                int readFrom = flat == dst ? dst.leaves.indexOf(under.get(0))
                        : ByteShift.nextRead(flat.leaves.indexOf(under.get(under.size() - 1)), match, dst.leaves.size());
                shift.struct(out.size() - 1, n.count(), under, quotable[readFrom]);
            }
        }
        return rest;
    }

    /** A source field the destination treats as padding of the same size, or the reverse, is compatible. */
    private void pairPadding(List<FlatFields.Leaf> srcLeft, List<FlatFields.Leaf> dstLeft, String path) {
        for (int i = 0; i < srcLeft.size(); i++) {
            FlatFields.Leaf a = srcLeft.get(i);
            for (int j = 0; j < dstLeft.size(); j++) {
                FlatFields.Leaf b = dstLeft.get(j);
                if (a.field().isPadding() != b.field().isPadding() && bytes(a.field()) == bytes(b.field()) && bytes(a.field()) > 0) {
                    add(FindingCode.FIELD_REPLACED_BY_PADDING, at(path, a.path()), a.path() + " and " + b.path()
                            + " occupy the same " + bytes(a.field()) + " bytes; padding is read and ignored", "");
                    srcLeft.remove(i--);
                    dstLeft.remove(j);
                    break;
                }
            }
        }
    }

    /** {@code predictable}: a misread starting at {@code b} ends at the footer (see {@link ByteShift#quotableFrom}). */
    private void compareLeaf(FlatFields.Leaf a, FlatFields.Leaf b, String path, boolean predictable) {
        String p = at(path, a.path());
        FieldSchema x = a.field();
        FieldSchema y = b.field();
        if (a.opaqueStruct() != b.opaqueStruct()) {
            add(FindingCode.NESTED_DESCRIPTION_MISSING, p, (a.opaqueStruct() ? "destination" : "source") + " describes "
                    + a.path() + " without its nested description " + (a.opaqueStruct() ? x : y).nested().name(),
                    "source: " + describe(x) + "; destination: " + describe(y));
            return;
        }
        if (a.opaqueStruct()) {
            return;
        }
        if (x.isPadding() && y.isPadding()) {
            if (bytes(x) != bytes(y) && bytes(x) >= 0 && bytes(y) >= 0) {
                add(FindingCode.UNUSED_SIZE_MISMATCH, p, "padding " + a.path() + " is " + bytes(x) + " bytes in the source and "
                        + bytes(y) + " in the destination", "");
                shift.sized(out.size() - 1, x, y, predictable);
            }
            return;
        }
        if (x.type() != null && y.type() != null && !x.type().equals(y.type())) {
            add(FindingCode.FIELD_TYPE_MISMATCH, p, a.path() + " is " + x.type() + " in the source and " + y.type()
                    + " in the destination", "source: " + describe(x) + "; destination: " + describe(y));
            shift.sized(out.size() - 1, x, y, predictable);
        } else if (x.size() != y.size()) {
            add(FindingCode.FIELD_SIZE_MISMATCH, p, a.path() + " is " + x.size() + " bytes in the source and " + y.size()
                    + " in the destination", "source: " + describe(x) + "; destination: " + describe(y));
            shift.sized(out.size() - 1, x, y, predictable);
        } else if (x.count() >= 0 && y.count() >= 0 && x.count() != y.count()) {
            add(FindingCode.FIELD_COUNT_MISMATCH, p, a.path() + " has " + x.count() + " elements in the source and "
                    + y.count() + " in the destination", "source: " + describe(x) + "; destination: " + describe(y));
            shift.sized(out.size() - 1, x, y, predictable);
        }
        if (x.fieldExists() != null && y.fieldExists() != null && !x.fieldExists().equals(y.fieldExists())) {
            add(FindingCode.FIELD_EXISTS_CHANGED, p, a.path() + (y.fieldExists() ? " gained" : " lost")
                    + " a field_exists test: whether it is sent now depends on runtime state",
                    "source field_exists=" + x.fieldExists() + "; destination field_exists=" + y.fieldExists());
        }
    }

    private void compareNodes(FlatFields s, FlatFields d, String path, boolean[] dstUsed, boolean[] quotable) {
        Set<Integer> used = new HashSet<>();
        for (FlatFields.Node n : s.nodes) {
            int j = -1;
            for (int k = 0; k < d.nodes.size() && j < 0; k++) {
                if (!used.contains(k) && d.nodes.get(k).path().equals(n.path())) {
                    j = k;
                }
            }
            for (int k = 0; k < d.nodes.size() && j < 0; k++) {
                if (!used.contains(k) && d.nodes.get(k).name().equals(n.name())) {
                    j = k;
                }
            }
            // QEMU spells one element of an array as a field of its own ("acpi_pcihp_pci_status[0x0]").
            for (int k = 0; k < d.nodes.size() && j < 0; k++) {
                if (!used.contains(k) && baseName(d.nodes.get(k).name()).equals(baseName(n.name()))) {
                    j = k;
                }
            }
            if (j < 0) {
                continue;
            }
            used.add(j);
            FlatFields.Node m = d.nodes.get(j);
            String p = at(path, n.path());
            if (n.nested().name() != null && m.nested().name() != null && !n.nested().sameName(m.nested())) {
                add(FindingCode.NESTED_DESCRIPTION_RENAMED, p, "nested description of " + n.path() + " is "
                        + n.nested().name() + " in the source and " + m.nested().name() + " in the destination", "");
            }
            int nc = n.count() < 0 && n.name().endsWith("]") ? 1 : n.count();
            int mc = m.count() < 0 && m.name().endsWith("]") ? 1 : m.count();
            if (nc >= 0 && mc >= 0 && nc != mc) {
                add(FindingCode.FIELD_COUNT_MISMATCH, p, "struct array " + n.path() + " has " + nc
                        + " elements in the source and " + mc + " in the destination (" + m.path() + ")", "");
                shift.structCount(out.size() - 1, d, m, quotable);
            }
            compareSubsections(n.nested(), m.nested(), p);
        }
        for (int k = 0; k < d.nodes.size(); k++) {
            FlatFields.Node m = d.nodes.get(k);
            if (used.contains(k)) {
                continue;
            }
            boolean carriesMatched = false;
            for (int j = 0; j < d.leaves.size(); j++) {
                carriesMatched |= dstUsed[j] && d.leaves.get(j).path().startsWith(m.path() + ".");
            }
            if (carriesMatched) {
                add(FindingCode.STRUCT_WRAPPED, at(path, m.path()), "destination groups fields in struct " + m.path()
                        + " (" + m.nested().name() + "); struct boundaries are not sent", "");
            }
        }
    }

    private static String baseName(String name) {
        return name.replaceFirst("\\[[^\\]]*\\]$", "");
    }

    private void compareSubsections(DescriptionSchema src, DescriptionSchema dst, String path) {
        for (DescriptionSchema ss : src.subsections()) {
            String p = path + " > [" + ss.name() + "]";
            DescriptionSchema ds = dst.subsection(ss.name());
            if (ds == null) {
                if (destinationKnowsAllSubsections) {
                    add(FindingCode.SUBSECTION_UNKNOWN, p, "source may send subsection " + ss.name()
                            + " which the destination does not know", "destination subsections: " + subNames(dst));
                } else {
                    add(FindingCode.SUBSECTION_NOT_IN_DESTINATION, p, "source sends subsection " + ss.name()
                            + " which the destination's stream does not carry; a stream lists only the subsections its "
                            + "state needed, so whether the destination knows it needs a -dump-vmstate of the destination",
                            "destination sends: " + subNames(dst));
                }
                continue;
            }
            if (ss.version() > ds.version()) {
                add(FindingCode.SUBSECTION_VERSION_TOO_NEW, p, "subsection " + ss.name() + " version " + ss.version()
                        + " is newer than the destination's " + ds.version(), "");
            } else if (ds.minimumVersion() >= 0 && ss.version() < ds.minimumVersion()) {
                add(FindingCode.SUBSECTION_VERSION_TOO_OLD, p, "subsection " + ss.name() + " version " + ss.version()
                        + " is older than the destination's minimum " + ds.minimumVersion(), "");
            }
            compare(ss, ds, ss.version(), p);
        }
    }

    private static long bytes(FieldSchema f) {
        return f.count() >= 0 ? f.size() * f.count() : f.size();
    }

    static String describe(FieldSchema f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.type() != null ? f.type() : (f.nested() != null ? "struct" : "field"));
        sb.append(", size ").append(f.size());
        if (f.count() > 1) {
            sb.append(" x ").append(f.count());
        }
        if (f.versionId() > 0) {
            sb.append(", since v").append(f.versionId());
        }
        if (Boolean.TRUE.equals(f.fieldExists())) {
            sb.append(", field_exists");
        }
        return sb.toString();
    }

    private static String names(List<FieldSchema> fields) {
        List<String> n = new ArrayList<>();
        for (FieldSchema f : fields) {
            n.add(f.name());
        }
        return String.join(", ", n);
    }

    private static String leafNames(List<FlatFields.Leaf> leaves) {
        List<String> n = new ArrayList<>();
        for (FlatFields.Leaf l : leaves) {
            n.add(l.path());
        }
        String s = String.join(", ", n);
        return s.length() > 400 ? s.substring(0, 400) + "..." : (s.isEmpty() ? "(none)" : s);
    }

    private static String subNames(DescriptionSchema d) {
        List<String> n = new ArrayList<>();
        for (DescriptionSchema s : d.subsections()) {
            n.add(s.name());
        }
        return n.isEmpty() ? "(none)" : String.join(", ", n);
    }

    private static String at(String path, String field) {
        return path + " > " + field;
    }

    private Finding finding(FindingCode code, String path, String message, String evidence) {
        return Finding.of(code, path, message, evidence, section);
    }

    private void add(FindingCode code, String path, String message, String evidence) {
        out.add(finding(code, path, message, evidence));
    }
}
