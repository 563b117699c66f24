package dev.vmtrace.trace.qemu;

/**
 * Looks up a QEMU region's placement and access rules for a machine type and release, so an
 * importer can tell a split guest access from separate ones. {@link BuiltinRegionRules} knows the
 * x86 PC regions vmtrace models; other tables can be plugged in.
 */
public interface RegionRules {
    /**
     * The spec of the {@code ordinal}-th instance (0-based, in order of first appearance) of the
     * region called {@code name}, or null when unknown. The ordinal tells apart instances that
     * share a name, such as the legacy (first) and modern CPU-hotplug blocks.
     */
    RegionSpec lookup(String machineType, String release, String name, int ordinal);
}
