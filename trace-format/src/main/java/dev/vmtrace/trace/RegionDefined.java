package dev.vmtrace.trace;

import java.util.Objects;

/**
 * A region instance enters the region table. Region ids are small positive integers, unique in a
 * trace; two instances can share a name and base (QEMU's legacy and modern CPU-hotplug blocks).
 *
 * @param base absolute address of offset 0, or 0 when the placement is unknown (then dispatch
 *     offsets are absolute addresses)
 * @param size length in bytes, or 0 when unknown
 * @param rules access-size rules, or null when unknown
 * @param hostTag an opaque identity from the source, e.g. QEMU's {@code mr} pointer; 0 if none
 */
public record RegionDefined(long seq, long time, int id, String name, Space space, long base, long size,
                            AccessRules rules, long hostTag) implements TraceEvent {
    public RegionDefined {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(space, "space");
        if (id < 1) {
            throw new IllegalArgumentException("region id must be >= 1: " + id);
        }
    }

    @Override
    public EventType type() {
        return EventType.REGION_DEFINED;
    }
}
