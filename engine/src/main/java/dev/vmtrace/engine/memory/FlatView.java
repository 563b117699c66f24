package dev.vmtrace.engine.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, flattened picture of a region tree: sorted, non-overlapping ranges, each answered
 * by exactly one terminating region. Built as QEMU renders: subregions in priority order claim
 * addresses first, then a terminating parent fills the gaps; disabled regions are skipped.
 * An access keeps the view it started with, so a device that remaps itself mid-access does not
 * change where the rest of that access goes.
 */
public final class FlatView {
    private final long[] starts;
    private final FlatRange[] ranges;

    private FlatView(List<FlatRange> list) {
        this.ranges = list.toArray(new FlatRange[0]);
        this.starts = new long[ranges.length];
        for (int i = 0; i < ranges.length; i++) {
            starts[i] = ranges[i].start();
        }
    }

    /** Renders {@code root} (mapped at 0) over {@code [0, limit)}. */
    public static FlatView render(Region root, long limit) {
        TreeMap<Long, FlatRange> out = new TreeMap<>();
        render(root, 0, 0, Math.min(limit, root.size()), out);
        return new FlatView(new ArrayList<>(out.values()));
    }

    private static void render(Region r, long base, long clipStart, long clipEnd, TreeMap<Long, FlatRange> out) {
        if (!r.enabled()) {
            return;
        }
        long start = Math.max(base, clipStart);
        long end = Math.min(saturatingAdd(base, r.size()), clipEnd);
        if (start >= end) {
            return;
        }
        if (r.kind() == RegionKind.ALIAS) {
            render(r.aliasTarget(), base - r.aliasOffset(), start, end, out);
            return;
        }
        for (Region.Subregion s : r.subregions()) {
            render(s.region(), base + s.offset(), start, end, out);
        }
        if (r.terminates()) {
            fillGaps(r, base, start, end, out);
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static void fillGaps(Region r, long base, long start, long end, TreeMap<Long, FlatRange> out) {
        long cursor = start;
        Map.Entry<Long, FlatRange> before = out.floorEntry(start);
        if (before != null && before.getValue().end() > cursor) {
            cursor = before.getValue().end();
        }
        List<FlatRange> add = new ArrayList<>();
        for (FlatRange existing : out.subMap(start, true, end, false).values()) {
            if (existing.start() > cursor) {
                add.add(new FlatRange(cursor, existing.start(), r, cursor - base));
            }
            cursor = Math.max(cursor, existing.end());
        }
        if (cursor < end) {
            add.add(new FlatRange(cursor, end, r, cursor - base));
        }
        for (FlatRange f : add) {
            out.put(f.start(), f);
        }
    }

    /** The range holding {@code address}, or null when nothing is mapped there. */
    public FlatRange lookup(long address) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= address) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hi < 0) {
            return null;
        }
        FlatRange r = ranges[hi];
        return address < r.end() ? r : null;
    }

    /** Every range, in address order. */
    public List<FlatRange> ranges() {
        return List.of(ranges);
    }
}
