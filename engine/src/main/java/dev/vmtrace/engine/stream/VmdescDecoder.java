package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonArray;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireType;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a device section's bytes through its vmdesc entry, the way QEMU's analyze-migration
 * script interprets the trailer: each field entry is read in order ({@code array_len} repeats an
 * entry, {@code index} entries are separate), {@code struct} entries recurse into their
 * {@code struct} description, {@code tmp} entries into their inline description, every other type
 * is {@code size} bytes (integers are interpreted by type name), and the listed subsections must
 * follow in order, each behind its 0x05 marker, name and version. Every nested element must use
 * exactly its declared {@code size}.
 */
final class VmdescDecoder {
    /** Cap on {@code array_len} and on one field's size, against hostile trailers. */
    static final int MAX_ARRAY_LEN = 1 << 20;
    static final int MAX_DEPTH = 32;
    /** Cap on decoded field elements per stream: zero-size elements cost memory but no input bytes. */
    static final int MAX_ELEMENTS = 4_000_000;

    /** Counts decoded elements across one stream. */
    static final class Budget {
        private int used;

        void spend(WireInput in) throws BadInputException {
            if (++used > MAX_ELEMENTS) {
                throw in.error("more than " + MAX_ELEMENTS + " decoded field elements");
            }
        }
    }

    private VmdescDecoder() {
    }

    /** Decodes a description object ({@code vmsd_name}, {@code version}, {@code fields}, {@code subsections}). */
    static DecodedState decode(JsonObject desc, WireInput in, int depth, Budget budget) throws BadInputException {
        if (depth > MAX_DEPTH) {
            throw desc.badShape("vmdesc nesting deeper than " + MAX_DEPTH);
        }
        String name = desc.string("vmsd_name");
        int version = desc.intValue("version", Integer.MIN_VALUE, Integer.MAX_VALUE);
        List<DecodedField> fields = new ArrayList<>();
        JsonValue fieldList = desc.get("fields");
        if (fieldList != null) {
            for (JsonValue fv : fieldList.asArray("\"fields\"").elements()) {
                decodeField(fv.asObject("field description"), in, fields, depth, budget);
            }
        }
        List<DecodedState> subs = new ArrayList<>();
        JsonValue subList = desc.get("subsections");
        if (subList != null) {
            for (JsonValue sv : subList.asArray("\"subsections\"").elements()) {
                JsonObject sub = sv.asObject("subsection description");
                String subName = sub.string("vmsd_name");
                int at = in.position();
                int marker = in.readU8("subsection marker");
                if (marker != StreamFormat.SUBSECTION) {
                    throw in.errorAt(at, String.format("expected subsection %s (0x05) but found 0x%02x", subName, marker));
                }
                String wireName = in.readCountedString("subsection name");
                if (!wireName.equals(subName)) {
                    throw in.errorAt(at, "expected subsection " + subName + " but found " + wireName);
                }
                long wireVersion = in.readU32("subsection version");
                DecodedState d = decode(sub, in, depth + 1, budget);
                subs.add(new DecodedState(d.vmsdName(), (int) wireVersion, d.fields(), d.subsections()));
            }
        }
        return new DecodedState(name, version, fields, subs);
    }

    private static void decodeField(JsonObject f, WireInput in, List<DecodedField> out, int depth, Budget budget)
            throws BadInputException {
        String name = f.string("name");
        String type = f.string("type");
        int size = f.intValue("size", 0, Integer.MAX_VALUE);
        int arrayLen = f.intValue("array_len", 0, MAX_ARRAY_LEN, -1);
        int index = f.intValue("index", 0, Integer.MAX_VALUE, -1);
        int count = arrayLen >= 0 ? arrayLen : 1;
        for (int i = 0; i < count; i++) {
            int idx = arrayLen >= 0 ? i : index;
            budget.spend(in);
            int start = in.position();
            if ("struct".equals(type)) {
                DecodedState nested = decode(f.object("struct"), in, depth + 1, budget);
                checkSize(in, f, name, start, size);
                out.add(new DecodedField(name, type, idx, size, start, null, nested));
            } else if ("tmp".equals(type) && f.has("fields")) {
                DecodedState nested = decode(f, in, depth + 1, budget);
                checkSize(in, f, name, start, size);
                out.add(new DecodedField(name, type, idx, size, start, null, nested));
            } else {
                out.add(new DecodedField(name, type, idx, size, start, scalar(type, size, in, name), null));
            }
        }
    }

    private static void checkSize(WireInput in, JsonObject f, String name, int start, int size)
            throws BadInputException {
        int used = in.position() - start;
        if (used != size) {
            throw in.errorAt(start, "field " + name + " used " + used + " bytes but the vmdesc says " + size);
        }
    }

    private static StateValue scalar(String type, int size, WireInput in, String name) throws BadInputException {
        WireType t = WireType.byQemuName(type);
        if (t.isInteger() && t.fixedSize() == size) {
            if (t == WireType.BOOL) {
                return new StateValue.Bool(in.readU8(name) != 0);
            }
            return new StateValue.Int(in.readInt(size, t.signed(), name));
        }
        return new StateValue.Buf(in.readBytes(size, name));
    }

    /** The vmdesc's device entries, checked for the members the decoder needs. */
    static List<JsonObject> devices(JsonObject vmdesc) throws BadInputException {
        JsonArray devices = vmdesc.array("devices");
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue v : devices.elements()) {
            JsonObject d = v.asObject("vmdesc device");
            d.string("name");
            d.intValue("instance_id", 0, Integer.MAX_VALUE);
            out.add(d);
        }
        return out;
    }
}
