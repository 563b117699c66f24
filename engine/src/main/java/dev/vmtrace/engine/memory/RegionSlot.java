package dev.vmtrace.engine.memory;

import java.util.Objects;

/**
 * A handle on one mapping of a region in its parent, for devices that map, unmap or replace
 * their windows at run time (the CPU-hotplug legacy block is replaced by the modern block at the
 * same base; the PM block moves when the guest writes PMBASE).
 */
public final class RegionSlot {
    private final Region parent;
    private long offset;
    private final int priority;
    private Region region;
    private boolean mapped = true;

    RegionSlot(Region parent, long offset, int priority, Region region) {
        this.parent = parent;
        this.offset = offset;
        this.priority = priority;
        this.region = region;
    }

    /** The region currently in this slot. */
    public Region region() {
        return region;
    }

    /** The parent the slot maps into. */
    public Region parent() {
        return parent;
    }

    /** The offset in the parent (the base port or address when the parent is a root). */
    public long offset() {
        return offset;
    }

    public int priority() {
        return priority;
    }

    /** Whether the region is currently mapped. */
    public boolean mapped() {
        return mapped;
    }

    /** Replaces the mapped region by {@code next} at the same offset and priority. */
    public void replace(Region next) {
        Objects.requireNonNull(next, "next");
        if (mapped) {
            parent.remove(region);
        }
        region = next;
        parent.add(offset, next, priority);
        mapped = true;
    }

    /** Unmaps the region (no effect when already unmapped). */
    public void unmap() {
        if (mapped) {
            parent.remove(region);
            mapped = false;
        }
    }

    /** Maps the region again, at {@code newOffset}. */
    public void mapAt(long newOffset) {
        unmap();
        offset = newOffset;
        parent.add(offset, region, priority);
        mapped = true;
    }
}
