package dev.vmtrace.replay;

import dev.vmtrace.trace.RegionDefined;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** Collects divergences: counts all, keeps the first few in full, groups by kind and region. */
final class Divergences {
    private final int maxStored;
    private final ContextRing ring;
    private final IntFunction<RegionDefined> regions;
    private final List<Divergence> stored = new ArrayList<>();
    private final Map<String, Map<String, Long>> groups = new TreeMap<>();
    private long count;
    private Divergence first;

    Divergences(int maxStored, ContextRing ring, IntFunction<RegionDefined> regions) {
        this.maxStored = maxStored;
        this.ring = ring;
        this.regions = regions;
    }

    void add(Divergence d) {
        count++;
        if (first == null) {
            first = d;
            ring.capture(d.seq());
        }
        if (stored.size() < maxStored) {
            stored.add(d);
        }
        groups.computeIfAbsent(d.kind().code(), k -> new TreeMap<>()).merge(d.region(), 1L, Long::sum);
    }

    long count() {
        return count;
    }

    List<Divergence> stored() {
        return stored;
    }

    Map<String, Map<String, Long>> groups() {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        groups.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    ReplayResult.FirstDivergence first() {
        if (first == null) {
            return null;
        }
        return new ReplayResult.FirstDivergence(first, ring.before(regions), ring.at(regions), ring.after(regions));
    }
}
