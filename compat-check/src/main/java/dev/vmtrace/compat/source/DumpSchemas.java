package dev.vmtrace.compat.source;

import dev.vmtrace.compat.model.DescriptionSchema;
import dev.vmtrace.compat.model.FieldSchema;
import dev.vmtrace.compat.model.SchemaKind;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.model.SectionSchema;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a schema set from QEMU's {@code -dump-vmstate} JSON: one section per QOM type with its
 * section-level version and minimum version, the description tree with field versions,
 * {@code field_exists} flags and sizes, and all subsections. Dumps carry no types, no array
 * counts, no RAM blocks, and describe the binary, not the machine type.
 */
public final class DumpSchemas {
    private DumpSchemas() {
    }

    /** The schema set of a parsed dump; {@code origin} names it in reports. */
    public static SchemaSet of(JsonValue root, String origin) throws BadInputException {
        JsonObject dump = root.asObject("-dump-vmstate document");
        String machine = null;
        List<SectionSchema> sections = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, JsonValue> e : dump.members().entrySet()) {
            JsonObject entry = e.getValue().asObject("entry " + e.getKey());
            if (e.getKey().equals("vmschkmachine")) {
                machine = entry.string("Name");
                continue;
            }
            int version = entry.intValue("version_id", Integer.MIN_VALUE, Integer.MAX_VALUE);
            int minimum = entry.intValue("minimum_version_id", Integer.MIN_VALUE, Integer.MAX_VALUE, -1);
            DescriptionSchema desc = entry.has("Description") ? description(entry.object("Description")) : null;
            sections.add(new SectionSchema(e.getKey(), 0, version, minimum, desc, -1, order++));
        }
        return new SchemaSet(origin, SchemaKind.DUMP, machine, null, sections, null, null);
    }

    static DescriptionSchema description(JsonObject d) throws BadInputException {
        List<FieldSchema> fields = null;
        if (d.has("Fields")) {
            fields = new ArrayList<>();
            for (JsonValue fv : d.array("Fields").elements()) {
                JsonObject f = fv.asObject("field");
                DescriptionSchema nested = f.has("Description") ? description(f.object("Description")) : null;
                fields.add(new FieldSchema(f.string("field"), null, f.longValue("size"), -1,
                        f.intValue("version_id", Integer.MIN_VALUE, Integer.MAX_VALUE),
                        f.require("field_exists").asBoolean("\"field_exists\""), nested));
            }
        }
        List<DescriptionSchema> subs = new ArrayList<>();
        if (d.has("Subsections")) {
            for (JsonValue sv : d.array("Subsections").elements()) {
                JsonObject sub = sv.asObject("subsection");
                sub.string("name"); // subsections are matched by name: one without is bad input
                subs.add(description(sub));
            }
        }
        String name = d.has("name") ? d.string("name") : null;
        return new DescriptionSchema(name, d.intValue("version_id", Integer.MIN_VALUE, Integer.MAX_VALUE),
                d.intValue("minimum_version_id", Integer.MIN_VALUE, Integer.MAX_VALUE, -1), fields, subs);
    }
}
