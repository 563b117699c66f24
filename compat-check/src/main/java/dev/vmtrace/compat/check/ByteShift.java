package dev.vmtrace.compat.check;

import dev.vmtrace.compat.model.FieldSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What QEMU 7.2 prints when a section's descriptions make the destination consume a different
 * number of bytes than the source sent. QEMU's loader reads the fields its own description names,
 * whatever the bytes are; a plain field (integer, bool, buffer, padding, timer) accepts any value.
 * Where the source sent more, the leftover bytes are not a subsection marker the destination
 * recognises (the name must start with the description's name), so the subsection loop ends
 * quietly; where it sent less, the destination has read the source's footer and what follows. Either
 * way the next byte is not a section footer, and QEMU stops with "Missing section footer for
 * ID" (formats.md section 3, footer 0x7e) when the destination's machine type checks footers.
 * Without footers the loader goes on to read a section header out of field data, and what it says
 * then depends on the values: no prediction.
 *
 * <p>One instance follows one section: the comparer reports, in finding order, the first finding
 * that changes the byte count and the findings that leave it alone; {@link #quote} then appends
 * QEMU's words to the section's first error when nothing before the shift stops QEMU elsewhere.
 * No quote either when a field that compares its value with the destination's own ({@code equal}
 * types) is read before the first misread byte, or any field after it is not plain: those may stop
 * QEMU first, depending on the values. Limits: a device's post_load hook runs before the footer
 * check and may fail on the misread values first, and a leftover byte equal to the footer marker
 * (0x7e) gives "Mismatched section id in footer" instead; vmtrace cannot see either.
 */
final class ByteShift {
    /** Field types whose loader accepts any bytes (QEMU 7.2's names in a vmdesc). */
    private static final Set<String> PLAIN = Set.of("bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
            "uint32", "uint64", "buffer", "unused_buffer", "timer", "CPU_Double_U", "bitmap");

    private int shift = -1;
    private boolean determinable;
    /** A destination field read before this description compares its value with the destination's own. */
    private boolean checkedEarlier;
    private final Set<Integer> neutral = new HashSet<>();

    /** True when the destination reads {@code leaf} from any bytes without checking them. */
    static boolean plain(FlatFields.Leaf leaf) {
        FieldSchema f = leaf.field();
        return !leaf.opaqueStruct() && f.type() != null && PLAIN.contains(f.type());
    }

    /**
     * True when the destination requires the value it reads to equal its own ({@code int32 equal}):
     * such a field often holds the very length that differs (PCIBUS's {@code nirq} before
     * {@code irq_count}), so it may stop QEMU before any byte is misread. ({@code int32 le}, which
     * only bounds the value by the destination's, guards versions of the same code, such as
     * PCIDevice's {@code version_id}, and passes when read where it was sent.)
     */
    static boolean checked(FlatFields.Leaf leaf) {
        String t = leaf.field().type();
        return t != null && t.endsWith(" equal");
    }

    /**
     * For each destination leaf index k (and one past the end), whether a shift starting there has
     * a predictable outcome: no field before k checks its value, and every field from k on is
     * {@link #plain} (after the first misread byte the destination reads all of them).
     */
    static boolean[] quotableFrom(List<FlatFields.Leaf> leaves) {
        boolean[] from = new boolean[leaves.size() + 1];
        from[leaves.size()] = true;
        for (int k = leaves.size() - 1; k >= 0; k--) {
            from[k] = from[k + 1] && plain(leaves.get(k));
        }
        boolean checkedBefore = false;
        for (int k = 0; k <= leaves.size(); k++) {
            from[k] &= !checkedBefore;
            checkedBefore |= k < leaves.size() && checked(leaves.get(k));
        }
        return from;
    }

    /** The destination has read {@code leaves} (one description) before what is compared next. */
    void read(List<FlatFields.Leaf> leaves) {
        for (FlatFields.Leaf l : leaves) {
            checkedEarlier |= checked(l);
        }
    }

    /**
     * The finding just added at {@code index} changes the byte count; {@code predictable} says whether
     * QEMU's reaction does not depend on values ({@link #quotableFrom} at the first misread field).
     */
    private void changed(int index, boolean predictable) {
        if (shift < 0) {
            shift = index;
            determinable = predictable && !checkedEarlier;
        }
    }

    /**
     * The finding just added at {@code index} keeps the byte count (a type change of the same size,
     * a reorder); QEMU reads on past it when {@code predictable} ({@link #quotableFrom}).
     */
    void same(int index, boolean predictable) {
        if (predictable && !checkedEarlier) {
            neutral.add(index);
        }
    }

    /**
     * Where the destination goes on reading after source leaf {@code i}, which it skips: the first
     * destination leaf matched to a later source leaf, or the end.
     */
    static int nextRead(int i, int[] match, int dstSize) {
        int next = dstSize;
        for (int k = i + 1; k < match.length; k++) {
            if (match[k] >= 0) {
                next = Math.min(next, match[k]);
            }
        }
        return next;
    }

    /**
     * The error at {@code index} reports field {@code f} on one side only: it moves the byte count
     * unless it is known to be empty; with no element count (a dump) its size on the wire is unknown.
     */
    void field(int index, FieldSchema f, boolean predictable) {
        if (f.count() < 0 || f.size() < 0) {
            return;
        }
        if (bytes(f) > 0) {
            changed(index, predictable);
        } else {
            same(index, predictable);
        }
    }

    /** The error at {@code index} reports a struct ({@code count} elements of {@code leaves}) on one side only. */
    void struct(int index, int count, List<FlatFields.Leaf> leaves, boolean predictable) {
        long sum = 0;
        for (FlatFields.Leaf l : leaves) {
            if (l.field().count() < 0 || l.field().size() < 0) {
                return;
            }
            sum += bytes(l.field());
        }
        if (count < 0) {
            return;
        }
        if (count * sum > 0) {
            changed(index, predictable);
        } else {
            same(index, predictable);
        }
    }

    /**
     * The error at {@code index} reports a field present on both sides as differing: whether the
     * destination reads as many bytes as the source sent decides between a shift and a misread of
     * the same length.
     */
    void sized(int index, FieldSchema x, FieldSchema y, boolean predictable) {
        if (x.count() < 0 || y.count() < 0 || x.size() < 0 || y.size() < 0) {
            return; // element counts unknown (a dump): the byte counts cannot be compared
        }
        if (bytes(x) != bytes(y)) {
            changed(index, predictable);
        } else {
            same(index, predictable);
        }
    }

    /**
     * The error at {@code index} reports a different element count for the destination's struct
     * array {@code m}: a shift unless its elements are known to be empty.
     */
    void structCount(int index, FlatFields d, FlatFields.Node m, boolean[] quotable) {
        int first = -1;
        long element = 0;
        for (int k = 0; k < d.leaves.size(); k++) {
            FieldSchema f = d.leaves.get(k).field();
            if (d.leaves.get(k).path().startsWith(m.path() + ".")) {
                if (f.count() < 0 || f.size() < 0) {
                    return;
                }
                first = first < 0 ? k : first;
                element += bytes(f);
            }
        }
        if (first >= 0 && element > 0) {
            changed(index, quotable[first]);
        }
    }

    private static long bytes(FieldSchema f) {
        return f.count() >= 0 ? f.size() * f.count() : f.size();
    }

    /**
     * Appends QEMU's message to the first error among {@code out[from..]} when the section's byte
     * count changes, the destination checks footers, and every finding before the shift lets QEMU
     * read on.
     */
    void quote(List<Finding> out, int from, boolean destinationChecksFooters, String sectionId) {
        if (shift < 0 || !determinable || !destinationChecksFooters) {
            return;
        }
        int firstError = -1;
        for (int i = from; i < shift; i++) {
            Finding f = out.get(i);
            boolean harmless = f.severity() == Severity.INFO || f.code().equals(FindingCode.NESTED_DESCRIPTION_RENAMED.name());
            if (!harmless && !neutral.contains(i)) {
                return;
            }
            if (firstError < 0 && f.severity() == Severity.ERROR) {
                firstError = i;
            }
        }
        int at = firstError < 0 ? shift : firstError;
        Finding f = out.get(at);
        if (f.severity() != Severity.ERROR || f.evidence().contains("QEMU: ")) {
            return;
        }
        String quote = "QEMU: Missing section footer for " + sectionId;
        out.set(at, new Finding(f.severity(), f.code(), f.path(), f.message(),
                f.evidence().isEmpty() ? quote : f.evidence() + "; " + quote, f.section()));
    }
}
