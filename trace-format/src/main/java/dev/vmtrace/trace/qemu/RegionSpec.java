package dev.vmtrace.trace.qemu;

import dev.vmtrace.trace.AccessRules;
import dev.vmtrace.trace.Space;
import java.util.Objects;

/**
 * What vmtrace knows about a QEMU region: its address space, placement ({@code base} 0 and
 * {@code size} 0 when unknown) and access rules (null when unknown).
 */
public record RegionSpec(Space space, long base, long size, AccessRules rules) {
    public RegionSpec {
        Objects.requireNonNull(space, "space");
    }
}
