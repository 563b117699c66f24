package dev.vmtrace.compat.source;

import dev.vmtrace.compat.model.DescriptionSchema;
import dev.vmtrace.compat.model.FieldSchema;
import dev.vmtrace.compat.model.SchemaKind;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.model.SectionSchema;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.StreamSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a schema set from a migration stream: sections in stream order with their vmdesc
 * descriptions (entries QEMU lists per array element, with {@code index}, are folded back into one
 * array field), the configuration section and the RAM block list.
 */
public final class StreamSchemas {
    private StreamSchemas() {
    }

    /** The schema set of {@code stream}; {@code origin} names it in reports. */
    public static SchemaSet of(MigrationStream stream, String origin) throws BadInputException {
        Map<String, JsonObject> described = new HashMap<>();
        if (stream.vmdesc() != null) {
            for (JsonValue v : stream.vmdesc().array("devices").elements()) {
                JsonObject d = v.asObject("vmdesc device");
                described.put(d.string("name") + "\u0000" + d.longValue("instance_id"), d);
            }
        }
        List<SectionSchema> sections = new ArrayList<>();
        int order = 0;
        for (StreamSection s : stream.sections()) {
            JsonObject d = described.get(s.idstr() + "\u0000" + s.instanceId());
            DescriptionSchema desc = d == null ? null : description(d);
            sections.add(new SectionSchema(s.idstr(), s.instanceId(), s.versionId(), -1, desc, s.length(), order++));
        }
        return new SchemaSet(origin, SchemaKind.STREAM, stream.machineType(), stream.machineType() != null,
                sections, stream.ramBlocks(), null);
    }

    /** Short origin name for a stream file. */
    public static String originOf(Path file) {
        return file.getFileName().toString();
    }

    static DescriptionSchema description(JsonObject d) throws BadInputException {
        List<FieldSchema> fields = new ArrayList<>();
        JsonValue fl = d.get("fields");
        if (fl != null) {
            for (JsonValue fv : fl.asArray("\"fields\"").elements()) {
                JsonObject f = fv.asObject("field");
                String name = f.string("name");
                String type = f.string("type");
                long size = f.longValue("size");
                int arrayLen = f.intValue("array_len", 0, Integer.MAX_VALUE, -1);
                int index = f.intValue("index", 0, Integer.MAX_VALUE, -1);
                DescriptionSchema nested = null;
                if ("struct".equals(type)) {
                    nested = description(f.object("struct"));
                } else if ("tmp".equals(type) && f.has("fields")) {
                    nested = description(f);
                }
                if (index > 0 && !fields.isEmpty() && fields.get(fields.size() - 1).name().equals(name)
                        && fields.get(fields.size() - 1).count() == index) {
                    FieldSchema prev = fields.remove(fields.size() - 1);
                    DescriptionSchema merged = prev.nested() == null ? null : mergeSubsections(prev.nested(), nested);
                    fields.add(new FieldSchema(name, type, Math.max(prev.size(), size), index + 1, -1, null, merged));
                } else {
                    int count = arrayLen >= 0 ? arrayLen : 1;
                    fields.add(new FieldSchema(name, type, size, count, -1, null, nested));
                }
            }
        }
        List<DescriptionSchema> subs = new ArrayList<>();
        JsonValue sl = d.get("subsections");
        if (sl != null) {
            for (JsonValue sv : sl.asArray("\"subsections\"").elements()) {
                subs.add(description(sv.asObject("subsection")));
            }
        }
        return new DescriptionSchema(d.string("vmsd_name"), d.intValue("version", Integer.MIN_VALUE, Integer.MAX_VALUE),
                -1, fields, subs);
    }

    /** Elements of one array may send different subsections; the array's schema knows all of them. */
    private static DescriptionSchema mergeSubsections(DescriptionSchema a, DescriptionSchema b) {
        if (b == null) {
            return a;
        }
        List<DescriptionSchema> subs = new ArrayList<>(a.subsections());
        for (DescriptionSchema s : b.subsections()) {
            if (a.subsection(s.name()) == null) {
                subs.add(s);
            }
        }
        return new DescriptionSchema(a.name(), a.version(), a.minimumVersion(), a.fields(), subs);
    }
}
