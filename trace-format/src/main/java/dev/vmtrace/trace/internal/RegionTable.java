package dev.vmtrace.trace.internal;

import dev.vmtrace.trace.RegionDefined;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Region definitions seen so far, by id (ids are bounded by {@link ChunkCodec#MAX_REGION_ID}). */
public final class RegionTable {
    private RegionDefined[] byId = new RegionDefined[32];
    private final List<RegionDefined> inOrder = new ArrayList<>();

    public void put(RegionDefined r) {
        if (r.id() >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(r.id() + 1, byId.length * 2));
        }
        if (byId[r.id()] == null) {
            inOrder.add(r);
        } else {
            inOrder.replaceAll(x -> x.id() == r.id() ? r : x);
        }
        byId[r.id()] = r;
    }

    /** The region, or null if not defined (or its definition was lost to corruption). */
    public RegionDefined get(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    /** Base address of region {@code id}, 0 when unknown. */
    public long base(int id) {
        RegionDefined r = get(id);
        return r == null ? 0 : r.base();
    }

    public List<RegionDefined> all() {
        return Collections.unmodifiableList(inOrder);
    }

    public void clear() {
        Arrays.fill(byId, null);
        inOrder.clear();
    }
}
