package dev.vmtrace.compat.source;

import dev.vmtrace.compat.model.DescriptionSchema;
import dev.vmtrace.compat.model.FieldSchema;
import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.Subsection;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.VmStateField;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts vmtrace's own state schemas ({@link VmStateDescription}) to the compat model. They know
 * everything a dump knows (versions, minimum versions, {@code field_exists}, every subsection) and
 * also the wire types and fixed array counts a vmdesc shows.
 */
public final class VmtraceSchemas {
    private VmtraceSchemas() {
    }

    /** The compat model of {@code d}. */
    public static DescriptionSchema description(VmStateDescription d) {
        List<FieldSchema> fields = new ArrayList<>();
        for (VmStateField f : d.fields()) {
            int count = f.length() instanceof ArrayLength.Fixed fixed ? fixed.count() : -1;
            fields.add(new FieldSchema(f.name(), f.typeName(), f.size(), count, f.versionId(), f.exists() != null,
                    f.struct() == null ? null : description(f.struct())));
        }
        List<DescriptionSchema> subs = new ArrayList<>();
        for (Subsection s : d.subsections()) {
            subs.add(description(s.description()));
        }
        return new DescriptionSchema(d.name(), d.versionId(), d.minimumVersionId(), fields, subs);
    }
}
