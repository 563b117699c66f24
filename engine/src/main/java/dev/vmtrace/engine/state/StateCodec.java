package dev.vmtrace.engine.state;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes one description's values in QEMU's VMState wire format, and describes what
 * it wrote in QEMU's vmdesc JSON shape. Saving follows the schema strictly (a value missing from
 * the state is a programming error); loading treats the bytes as untrusted and enforces versions,
 * {@code int32 equal}/{@code le} checks against the destination's values, subsection names, and
 * the description's {@link LoadCheck}.
 */
public final class StateCodec {
    /** The marker byte before each subsection. */
    public static final int SUBSECTION = 0x05;
    /** Cap on the element count of one variable array read from input. */
    public static final int MAX_ARRAY_ELEMENTS = 1 << 20;

    private StateCodec() {
    }

    /**
     * Writes {@code node}'s fields and needed subsections, and appends {@code vmsd_name},
     * {@code version}, {@code fields} and (when any was sent) {@code subsections} to {@code desc}.
     */
    public static void save(VmStateDescription schema, StateNode node, WireOutput out, JsonObject.Builder desc) {
        desc.put("vmsd_name", schema.name());
        desc.put("version", schema.versionId());
        List<JsonValue> fieldDescs = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (VmStateField f : schema.fields()) {
            int occurrence = seen.merge(f.name(), 1, Integer::sum) - 1;
            if (!f.present(node, schema.versionId())) {
                continue;
            }
            String name = repeats(schema, f.name()) ? f.name() + "[" + occurrence + "]" : f.name();
            saveField(f, name, node, out, fieldDescs);
        }
        desc.put("fields", Json.array(fieldDescs));
        List<JsonValue> subDescs = new ArrayList<>();
        for (Subsection s : schema.subsections()) {
            if (!s.needed().test(node, schema.versionId())) {
                continue;
            }
            VmStateDescription sub = s.description();
            StateNode subNode = node.subsections().get(sub.name());
            if (subNode == null) {
                throw new IllegalStateException(schema.name() + ": subsection " + sub.name() + " is needed but has no values");
            }
            out.writeU8(SUBSECTION).writeCountedString(sub.name()).writeU32(sub.versionId());
            JsonObject.Builder sd = JsonObject.builder();
            save(sub, subNode, out, sd);
            subDescs.add(sd.build());
        }
        if (!subDescs.isEmpty()) {
            desc.put("subsections", Json.array(subDescs));
        }
    }

    private static boolean repeats(VmStateDescription schema, String name) {
        int n = 0;
        for (VmStateField f : schema.fields()) {
            if (f.name().equals(name)) {
                n++;
            }
        }
        return n > 1;
    }

    private static void saveField(VmStateField f, String descName, StateNode node, WireOutput out, List<JsonValue> descs) {
        StateValue value;
        if (f.type() == WireType.UNUSED_BUFFER) {
            value = null;
        } else if (f.computed() != null) {
            value = f.computed().compute(node);
        } else {
            value = node.get(f.name());
        }
        List<StateValue> elements;
        int count = count(f, node);
        if (f.length().isArray() && f.type() != WireType.UNUSED_BUFFER) {
            if (!(value instanceof StateValue.Array a) || a.elements().size() != count) {
                throw new IllegalStateException(node.description() + "." + f.name() + ": expected an array of " + count);
            }
            elements = a.elements();
        } else {
            elements = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                elements.add(value);
            }
        }
        boolean compress = canCompress(f);
        boolean isArray = count > 1;
        for (int i = 0; i < count; i++) {
            int start = out.size();
            JsonObject.Builder d = JsonObject.builder().put("name", descName);
            if (isArray) {
                d.put(compress ? "array_len" : "index", compress ? count : i);
            }
            d.put("type", f.typeName());
            if (f.type() == WireType.STRUCT) {
                JsonObject.Builder sd = JsonObject.builder();
                save(f.struct(), asNode(f, elements.get(i)), out, sd);
                d.put("struct", sd.build());
            } else if (f.type() == WireType.TMP) {
                save(f.struct(), asNode(f, elements.get(i)), out, d);
            } else {
                writeScalar(f, elements.get(i), out);
            }
            d.put("size", out.size() - start);
            if (!compress || i == 0) {
                descs.add(d.build());
            }
        }
    }

    private static StateNode asNode(VmStateField f, StateValue v) {
        if (v instanceof StateNode n) {
            return n;
        }
        throw new IllegalStateException(f.name() + ": expected nested state");
    }

    /** QEMU describes an array once (with array_len) unless existence can vary inside it. */
    static boolean canCompress(VmStateField f) {
        if (f.exists() != null) {
            return false;
        }
        if (f.type() == WireType.STRUCT) {
            for (VmStateField sf : f.struct().fields()) {
                if (!canCompress(sf)) {
                    return false;
                }
            }
            return f.struct().subsections().isEmpty();
        }
        return true;
    }

    private static int count(VmStateField f, FieldValues values) {
        if (f.length() instanceof ArrayLength.Fixed fixed) {
            return fixed.count();
        }
        long n = values.getLong(((ArrayLength.FromValue) f.length()).name());
        if (n < 0 || n > MAX_ARRAY_ELEMENTS) {
            throw new IllegalStateException(f.name() + ": array count " + n + " out of range");
        }
        return (int) n;
    }

    private static void writeScalar(VmStateField f, StateValue v, WireOutput out) {
        WireType t = f.type();
        if (t == WireType.UNUSED_BUFFER) {
            out.writeZeros(f.size());
        } else if (t == WireType.BOOL) {
            boolean b = v instanceof StateValue.Bool bv ? bv.value() : ((StateValue.Int) v).value() != 0;
            out.writeU8(b ? 1 : 0);
        } else if (t.fixedSize() > 0) {
            if (!(v instanceof StateValue.Int i)) {
                throw new IllegalStateException(f.name() + ": expected an integer value");
            }
            out.writeInt(i.value(), t.fixedSize());
        } else {
            if (!(v instanceof StateValue.Buf b) || b.bytes().length() != f.size()) {
                throw new IllegalStateException(f.name() + ": expected a buffer of " + f.size() + " bytes");
            }
            out.writeBytes(b.bytes());
        }
    }

    /**
     * Reads values of {@code schema} sent at {@code versionId}. {@code local} is the destination's
     * current state (for properties, {@code equal}/{@code le} checks and nested locals), or null.
     */
    public static StateNode load(VmStateDescription schema, WireInput in, int versionId, StateNode local)
            throws BadInputException {
        int start = in.position();
        if (versionId > schema.versionId()) {
            throw in.error(schema.name() + ": incoming version_id " + versionId
                    + " is too new for local version_id " + schema.versionId());
        }
        if (versionId < schema.minimumVersionId()) {
            throw in.error(schema.name() + ": incoming version_id " + versionId
                    + " is too old for local minimum version_id " + schema.minimumVersionId());
        }
        StateNode.Builder b = StateNode.builder(schema.name(), versionId);
        Map<String, StateValue> loaded = new LinkedHashMap<>();
        FieldValues view = name -> {
            StateValue v = loaded.get(name);
            if (v == null && local != null) {
                v = local.properties().get(name);
            }
            return v;
        };
        if (local != null) {
            local.properties().forEach(b::properties0);
        }
        for (VmStateField f : schema.fields()) {
            if (!f.present(view, versionId)) {
                continue;
            }
            StateValue v = loadField(schema, f, in, view, local);
            if (v != null) {
                loaded.put(f.name(), v);
                b.set(f.name(), v);
            }
        }
        while (in.peekU8() == SUBSECTION) {
            int len = in.getU8(in.position() + 1);
            if (len < 0 || len < schema.name().length() + 1 || in.remaining() < 2 + len) {
                break;
            }
            String name = peekName(in, len);
            if (!name.startsWith(schema.name())) {
                break;
            }
            Subsection sub = schema.subsection(name);
            if (sub == null) {
                throw in.error(schema.name() + ": unknown subsection " + name);
            }
            in.skip(2 + len, "subsection header");
            int subVersion = (int) Math.min(Integer.MAX_VALUE, in.readU32("subsection version"));
            StateNode subLocal = local == null ? null : local.subsections().get(name);
            b.subsection(load(sub.description(), in, subVersion, subLocal));
        }
        StateNode node = b.build();
        String problem = schema.postLoad().check(node);
        if (problem != null) {
            throw in.errorAt(start, schema.name() + ": " + problem);
        }
        return node;
    }

    private static String peekName(WireInput in, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) in.getU8(in.position() + 2 + i));
        }
        return sb.toString();
    }

    private static StateValue loadField(VmStateDescription schema, VmStateField f, WireInput in, FieldValues view,
            StateNode local) throws BadInputException {
        int count;
        if (f.length() instanceof ArrayLength.Fixed fixed) {
            count = fixed.count();
        } else {
            String countName = ((ArrayLength.FromValue) f.length()).name();
            StateValue c = view.find(countName);
            long n = c instanceof StateValue.Int i ? i.value() : -1;
            if (n < 0 || n > MAX_ARRAY_ELEMENTS) {
                throw in.error(schema.name() + "." + f.name() + ": array count " + countName + " = " + n
                        + " is outside [0, " + MAX_ARRAY_ELEMENTS + "]");
            }
            count = (int) n;
        }
        String what = schema.name() + "." + f.name();
        if (f.type() == WireType.UNUSED_BUFFER) {
            in.skip((long) f.size() * count, what);
            return null;
        }
        StateValue localValue = local == null ? null : local.fields().get(f.name());
        List<StateValue> elements = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            StateValue lv = localValue;
            if (localValue instanceof StateValue.Array la) {
                lv = i < la.elements().size() ? la.elements().get(i) : null;
            }
            elements.add(loadScalar(f, in, what, lv));
        }
        return f.length().isArray() ? new StateValue.Array(elements) : elements.get(0);
    }

    private static StateValue loadScalar(VmStateField f, WireInput in, String what, StateValue localValue)
            throws BadInputException {
        WireType t = f.type();
        if (t.isNested()) {
            StateNode nestedLocal = localValue instanceof StateNode n ? n : null;
            return load(f.struct(), in, f.struct().versionId(), nestedLocal);
        }
        if (t == WireType.BOOL) {
            return new StateValue.Bool(in.readU8(what) != 0);
        }
        if (t.fixedSize() <= 0) {
            return new StateValue.Buf(in.readBytes(f.size(), what));
        }
        int at = in.position();
        long v = in.readInt(t.fixedSize(), t.signed(), what);
        if (localValue instanceof StateValue.Int lv) {
            boolean equalType = t == WireType.INT32_EQUAL || t == WireType.UINT8_EQUAL
                    || t == WireType.UINT16_EQUAL || t == WireType.UINT32_EQUAL || t == WireType.UINT64_EQUAL;
            if (equalType && v != lv.value()) {
                throw in.errorAt(at, what + ": incoming " + v + " != local " + lv.value());
            }
            if (t == WireType.INT32_LE && (v < 0 || v > lv.value())) {
                throw in.errorAt(at, what + ": incoming " + v + " is not in [0, local " + lv.value() + "]");
            }
        }
        return new StateValue.Int(v);
    }
}
