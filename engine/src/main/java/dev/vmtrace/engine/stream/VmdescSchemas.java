package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.Condition;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.VmStateField;
import dev.vmtrace.engine.state.WireType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a stream's vmdesc says into vmtrace schemas and values, so a QEMU stream can be saved
 * again by {@link MigrationStreamWriter}: every vmdesc entry becomes a {@link VmStateDescription}
 * (types by QEMU name, arrays with their counts, per-element entries as arrays with an existence
 * test so they are described per element again, subsections sent when the values carry them), and
 * every decoded section becomes a {@link StateNode}. The schemas describe exactly what was sent,
 * not everything QEMU could send.
 */
public final class VmdescSchemas {
    /** Property marking that a node carries a subsection (its {@code needed} test reads it). */
    static final String SUBSECTION_PROPERTY = "vmdesc:subsection:";

    private VmdescSchemas() {
    }

    /** The whole machine of {@code s} (device sections and RAM block list; no RAM pages). */
    public static MachineState machineState(MigrationStream s) throws BadInputException {
        if (s.vmdesc() == null) {
            throw BadInputException.unreadable(s.source(), "the stream has no vmdesc trailer to describe its sections", null);
        }
        Map<String, JsonObject> described = new LinkedHashMap<>();
        for (JsonValue v : s.vmdesc().array("devices").elements()) {
            JsonObject d = v.asObject("vmdesc device");
            described.put(d.string("name") + "\u0000" + d.longValue("instance_id"), d);
        }
        List<DeviceState> devices = new ArrayList<>();
        boolean footers = true;
        for (StreamSection sec : s.sections()) {
            footers &= sec.footer();
            if (sec.isRam()) {
                continue;
            }
            JsonObject d = described.get(sec.idstr() + "\u0000" + sec.instanceId());
            if (d == null || sec.state() == null) {
                throw BadInputException.atOffset(s.source(), sec.offset(), "section " + sec.key() + " has no vmdesc entry");
            }
            VmStateDescription schema = description(d);
            devices.add(new DeviceState(sec.idstr(), sec.instanceId(), schema, values(sec.state(), schema)));
        }
        return new MachineState(s.machineType(), s.ramBlocks(), devices, false, footers, true);
    }

    /** The schema a vmdesc description object ({@code vmsd_name}, {@code version}, ...) describes. */
    public static VmStateDescription description(JsonObject d) throws BadInputException {
        int version = d.intValue("version", 0, Integer.MAX_VALUE);
        VmStateDescription.Builder b = VmStateDescription.builder(d.string("vmsd_name")).version(version)
                .minimumVersion(version);
        List<JsonObject> entries = new ArrayList<>();
        JsonValue fl = d.get("fields");
        if (fl != null) {
            for (JsonValue v : fl.asArray("\"fields\"").elements()) {
                entries.add(v.asObject("field"));
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonObject f = entries.get(i);
            String name = f.string("name");
            int count = f.intValue("array_len", 0, Integer.MAX_VALUE, -1);
            boolean perElement = f.has("index");
            List<JsonObject> elements = new ArrayList<>(List.of(f));
            while (perElement && i + 1 < entries.size() && entries.get(i + 1).has("index")
                    && entries.get(i + 1).string("name").equals(name)) {
                elements.add(entries.get(++i));
            }
            VmStateField field = field(name, elements);
            if (perElement) {
                field = field.withLength(ArrayLength.fixed(elements.size())).when(Condition.ALWAYS);
            } else if (count >= 0) {
                field = field.withLength(ArrayLength.fixed(count));
            }
            b.field(field);
        }
        JsonValue sl = d.get("subsections");
        if (sl != null) {
            for (JsonValue v : sl.asArray("\"subsections\"").elements()) {
                VmStateDescription sub = description(v.asObject("subsection"));
                String key = SUBSECTION_PROPERTY + sub.name();
                b.subsection(sub, (values, ver) -> values.find(key) != null);
            }
        }
        return b.build();
    }

    private static VmStateField field(String name, List<JsonObject> elements) throws BadInputException {
        JsonObject f = elements.get(0);
        String type = f.string("type");
        int size = f.intValue("size", 0, Integer.MAX_VALUE);
        if ("struct".equals(type) || ("tmp".equals(type) && f.has("fields"))) {
            VmStateDescription nested = "struct".equals(type) ? description(f.object("struct")) : description(f);
            for (int k = 1; k < elements.size(); k++) {
                JsonObject e = elements.get(k);
                nested = union(nested, "struct".equals(type) ? description(e.object("struct")) : description(e));
            }
            WireType t = "struct".equals(type) ? WireType.STRUCT : WireType.TMP;
            return new VmStateField(name, t, type, -1, ArrayLength.SCALAR, 0, null, nested, null);
        }
        WireType t = WireType.byQemuName(type);
        if (t == WireType.STRUCT || t == WireType.TMP || (t.fixedSize() > 0 && (!t.isInteger() || t.fixedSize() != size))) {
            t = WireType.OPAQUE;
        }
        return new VmStateField(name, t, type, t.fixedSize() > 0 ? t.fixedSize() : size, ArrayLength.SCALAR, 0, null,
                null, null);
    }

    /** Elements of one array may send different subsections; the array's schema knows all of them. */
    private static VmStateDescription union(VmStateDescription a, VmStateDescription b) {
        VmStateDescription.Builder u = VmStateDescription.builder(a.name()).version(a.versionId())
                .minimumVersion(a.minimumVersionId());
        a.fields().forEach(u::field);
        a.subsections().forEach(s -> u.subsection(s.description(), s.needed()));
        b.subsections().stream().filter(s -> a.subsection(s.description().name()) == null)
                .forEach(s -> u.subsection(s.description(), s.needed()));
        return u.build();
    }

    /** The values of a decoded description, shaped for {@code schema}. */
    public static StateNode values(DecodedState state, VmStateDescription schema) {
        StateNode.Builder b = StateNode.builder(state.vmsdName(), state.version());
        Map<String, List<StateValue>> arrays = new LinkedHashMap<>();
        for (DecodedField f : state.fields()) {
            VmStateField sf = schema.field(f.name());
            StateValue v = f.nested() != null ? values(f.nested(), sf.struct()) : f.value();
            if (sf.length().isArray()) {
                arrays.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(v);
            } else if (sf.type() != WireType.UNUSED_BUFFER) {
                b.set(f.name(), v);
            }
        }
        arrays.forEach((name, elements) -> {
            if (schema.field(name).type() != WireType.UNUSED_BUFFER) {
                b.setArray(name, elements);
            }
        });
        for (DecodedState sub : state.subsections()) {
            b.subsection(values(sub, schema.subsection(sub.vmsdName()).description()));
            b.property(SUBSECTION_PROPERTY + sub.vmsdName(), true);
        }
        return b.build();
    }
}
