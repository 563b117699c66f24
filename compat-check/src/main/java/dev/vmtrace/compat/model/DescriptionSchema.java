package dev.vmtrace.compat.model;

import java.util.List;
import java.util.Objects;

/**
 * A description (QEMU's VMStateDescription) as the input states it.
 *
 * @param name the vmsd name
 * @param version its version (for subsections in a stream: the version sent)
 * @param minimumVersion its minimum version, or -1 when unknown (streams)
 * @param fields fields in wire order; null when the input has no "Fields" member at all
 * @param subsections subsections (a stream: those sent; a dump: all known)
 */
public record DescriptionSchema(String name, int version, int minimumVersion, List<FieldSchema> fields,
        List<DescriptionSchema> subsections) {
    public DescriptionSchema {
        fields = fields == null ? null : List.copyOf(fields);
        subsections = List.copyOf(subsections);
    }

    /** The fields, or an empty list when the input had none. */
    public List<FieldSchema> fieldList() {
        return fields == null ? List.of() : fields;
    }

    /** The subsection named {@code subName}, or null. */
    public DescriptionSchema subsection(String subName) {
        for (DescriptionSchema s : subsections) {
            if (s.name().equals(subName)) {
                return s;
            }
        }
        return null;
    }

    /** True when the name is the same. */
    public boolean sameName(DescriptionSchema other) {
        return Objects.equals(name, other.name);
    }
}
