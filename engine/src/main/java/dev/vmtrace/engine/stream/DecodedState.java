package dev.vmtrace.engine.stream;

import java.util.List;
import java.util.Objects;

/**
 * A description's values decoded from a stream: its name and version (from the vmdesc, or the
 * version on the wire for subsections), its field elements in wire order, and its subsections.
 */
public record DecodedState(String vmsdName, int version, List<DecodedField> fields, List<DecodedState> subsections) {
    public DecodedState {
        Objects.requireNonNull(vmsdName, "vmsdName");
        fields = List.copyOf(fields);
        subsections = List.copyOf(subsections);
    }

    /** The first field element named {@code name}, or null. */
    public DecodedField field(String name) {
        for (DecodedField f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The subsection named {@code name}, or null. */
    public DecodedState subsection(String name) {
        for (DecodedState s : subsections) {
            if (s.vmsdName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
