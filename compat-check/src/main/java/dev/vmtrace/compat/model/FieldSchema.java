package dev.vmtrace.compat.model;

import java.util.Objects;

/**
 * One field of a description, as far as the input says.
 *
 * @param name the field name
 * @param type the QEMU type name, or null when unknown (dumps carry none)
 * @param size bytes per element (for structs: what the input says, not compared)
 * @param count number of elements, or -1 when unknown (dumps)
 * @param versionId the version that introduced the field, or -1 when unknown (streams)
 * @param fieldExists whether a {@code field_exists} test decides presence; null when unknown
 * @param nested the nested description of a struct field, or null
 */
public record FieldSchema(String name, String type, long size, int count, int versionId, Boolean fieldExists,
        DescriptionSchema nested) {
    public FieldSchema {
        Objects.requireNonNull(name, "name");
    }

    /** True for QEMU's {@code unused} padding. */
    public boolean isPadding() {
        return "unused_buffer".equals(type) || (type == null && name.equals("unused"));
    }
}
