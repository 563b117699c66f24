package dev.vmtrace.compat.model;

import dev.vmtrace.engine.stream.RamBlock;
import java.util.List;
import java.util.Objects;

/**
 * Everything a compat check knows about one side: its sections, configuration and RAM blocks.
 *
 * @param origin a human name for the input ("pc-q35-7.2.bin", "vmtrace:7.2:pc-q35-7.2")
 * @param kind what kind of input it was
 * @param machineType the machine type the input names, or null
 * @param sendsConfiguration whether a CONFIGURATION section is sent/expected; null when unknown (dumps)
 * @param sections sections in stream (or input) order
 * @param ramBlocks RAM blocks, or null when the input does not describe RAM (dumps)
 * @param release the QEMU release the input came from, or null when unknown
 */
public record SchemaSet(String origin, SchemaKind kind, String machineType, Boolean sendsConfiguration,
        List<SectionSchema> sections, List<RamBlock> ramBlocks, String release) {
    public SchemaSet {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        sections = List.copyOf(sections);
        ramBlocks = ramBlocks == null ? null : List.copyOf(ramBlocks);
    }

    /** The same set, stating the QEMU release it comes from (streams and dumps do not say). */
    public SchemaSet withRelease(String newRelease) {
        return new SchemaSet(origin, kind, machineType, sendsConfiguration, sections, ramBlocks, newRelease);
    }

    /** The section with this name and instance, or null. */
    public SectionSchema section(String name, int instanceId) {
        for (SectionSchema s : sections) {
            if (s.name().equals(name) && s.instanceId() == instanceId) {
                return s;
            }
        }
        return null;
    }
}
