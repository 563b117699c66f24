package dev.vmtrace.compat.model;

import java.util.Objects;

/**
 * A section: what a stream sends under an id string, or a dump's entry for a QOM type.
 *
 * @param name the section id string (streams) or QOM type name (dumps)
 * @param instanceId instance id (0 for dumps)
 * @param version section-level version id
 * @param minimumVersion section-level minimum version, or -1 when unknown
 * @param description its description, or null when the input has none (a dump entry without
 *        "Description", or a stream section without a vmdesc entry)
 * @param length body length in bytes on the wire, or -1 when not from a stream
 * @param order position in the stream (sections are loaded in this order), or the input order
 */
public record SectionSchema(String name, int instanceId, int version, int minimumVersion,
        DescriptionSchema description, long length, int order) {
    public SectionSchema {
        Objects.requireNonNull(name, "name");
    }

    /** {@code name} and, when not 0, the instance id. */
    public String key() {
        return instanceId == 0 ? name : name + " " + instanceId;
    }

    /** The vmsd name of the description, or null. */
    public String vmsdName() {
        return description == null ? null : description.name();
    }
}
