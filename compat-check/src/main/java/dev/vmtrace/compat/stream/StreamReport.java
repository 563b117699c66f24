package dev.vmtrace.compat.stream;

import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.state.Bytes;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.stream.DecodedField;
import dev.vmtrace.engine.stream.DecodedState;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.RamBlock;
import dev.vmtrace.engine.stream.StreamFormat;
import dev.vmtrace.engine.stream.StreamSection;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything in a migration stream, as text for people and JSON for tools: header, configuration,
 * RAM blocks and page counts, sections with their decoded fields, and the vmdesc summary. This is
 * the library behind {@code vmtrace inspect STREAM.bin}.
 */
public final class StreamReport {
    /** Buffers longer than this are shortened in text output (JSON always has them whole). */
    static final int TEXT_BUFFER_BYTES = 32;

    private StreamReport() {
    }

    /** The text report; {@code fields} adds every decoded field under its section. */
    public static String text(MigrationStream s, boolean fields) {
        StringBuilder sb = new StringBuilder();
        sb.append("stream ").append(s.source()).append(": ").append(s.size()).append(" bytes, QEVM file version 3\n");
        sb.append("machine type: ").append(s.machineType() == null ? "(no configuration section)" : s.machineType())
                .append('\n');
        if (s.hasVmdesc()) {
            sb.append(String.format("vmdesc: %d bytes at offset 0x%x, page size %d, %d devices%n",
                    s.size() - s.vmdescOffset() - 5, s.vmdescOffset(), s.pageSize(), deviceCount(s)));
        } else {
            sb.append("vmdesc: none (device fields cannot be decoded; section ends found by header scan)\n");
        }
        sb.append("RAM blocks (").append(s.ramBlocks().size()).append("):\n");
        int w = 8;
        for (RamBlock b : s.ramBlocks()) {
            w = Math.max(w, b.id().length());
        }
        for (RamBlock b : s.ramBlocks()) {
            sb.append(String.format("  %-" + w + "s  used 0x%x%n", b.id(), b.usedLength()));
        }
        sb.append(String.format("RAM pages: %d with data, %d zero%n", s.pages(), s.zeroPages()));
        sb.append("sections (").append(s.sections().size()).append("):\n");
        for (StreamSection sec : s.sections()) {
            sb.append(String.format("  #%-3d %s v%d%s (%s, %d bytes at 0x%x%s)%n", sec.sectionId(), sec.idstr(),
                    sec.versionId(), sec.instanceId() == 0 ? "" : " instance " + sec.instanceId(),
                    StreamFormat.typeName(sec.type()), sec.length(), sec.offset(), sec.footer() ? ", footer" : ""));
            if (sec.state() != null) {
                for (DecodedState sub : allSubsections(sec.state())) {
                    sb.append("       subsection ").append(sub.vmsdName()).append(" v").append(sub.version()).append('\n');
                }
                if (fields) {
                    appendFields(sb, sec.state(), "       ");
                }
            }
        }
        return sb.toString();
    }

    private static int deviceCount(MigrationStream s) {
        JsonValue d = s.vmdesc().get("devices");
        return d instanceof dev.vmtrace.engine.json.JsonArray a ? a.size() : 0;
    }

    /** Subsections at every depth (inside nested structs too), in wire order. */
    public static List<DecodedState> allSubsections(DecodedState state) {
        List<DecodedState> out = new ArrayList<>();
        collect(state, out);
        return out;
    }

    private static void collect(DecodedState state, List<DecodedState> out) {
        for (DecodedField f : state.fields()) {
            if (f.nested() != null) {
                collect(f.nested(), out);
            }
        }
        for (DecodedState sub : state.subsections()) {
            out.add(sub);
            collect(sub, out);
        }
    }

    private static void appendFields(StringBuilder sb, DecodedState st, String indent) {
        for (DecodedField f : st.fields()) {
            sb.append(indent).append(f.name());
            if (f.index() >= 0) {
                sb.append('[').append(f.index()).append(']');
            }
            sb.append(" (").append(f.type()).append(", ").append(f.size()).append(')');
            if (f.nested() != null) {
                sb.append(": ").append(f.nested().vmsdName()).append(" v").append(f.nested().version()).append('\n');
                appendFields(sb, f.nested(), indent + "  ");
            } else {
                sb.append(" = ").append(valueText(f.value())).append('\n');
            }
        }
        for (DecodedState sub : st.subsections()) {
            sb.append(indent).append("[subsection ").append(sub.vmsdName()).append(" v").append(sub.version()).append("]\n");
            appendFields(sb, sub, indent + "  ");
        }
    }

    static String valueText(StateValue v) {
        if (v instanceof StateValue.Int i) {
            return i.value() + " (0x" + Long.toHexString(i.value()) + ")";
        }
        if (v instanceof StateValue.Bool b) {
            return Boolean.toString(b.value());
        }
        Bytes bytes = ((StateValue.Buf) v).bytes();
        if (bytes.isAllZero()) {
            return "zeros";
        }
        String hex = bytes.hex();
        return hex.length() > 2 * TEXT_BUFFER_BYTES ? hex.substring(0, 2 * TEXT_BUFFER_BYTES) + "..." : hex;
    }

    /** The JSON report. */
    public static JsonObject json(MigrationStream s) {
        JsonObject.Builder b = Json.object()
                .put("source", s.source())
                .put("size", s.size())
                .put("file_version", 3)
                .put("machine_type", s.machineType() == null ? Json.nullValue() : Json.of(s.machineType()))
                .put("page_size", s.pageSize())
                .put("has_vmdesc", s.hasVmdesc())
                .put("vmdesc_offset", s.vmdescOffset());
        List<JsonValue> blocks = new ArrayList<>();
        for (RamBlock r : s.ramBlocks()) {
            blocks.add(Json.object().put("id", r.id()).put("used_length", r.usedLength()).build());
        }
        b.put("ram_blocks", Json.array(blocks)).put("pages", s.pages()).put("zero_pages", s.zeroPages());
        List<JsonValue> sections = new ArrayList<>();
        for (StreamSection sec : s.sections()) {
            JsonObject.Builder o = Json.object().put("section_id", sec.sectionId()).put("idstr", sec.idstr())
                    .put("instance_id", sec.instanceId()).put("version_id", sec.versionId())
                    .put("type", StreamFormat.typeName(sec.type())).put("offset", sec.offset())
                    .put("length", sec.length()).put("footer", sec.footer());
            if (sec.state() != null) {
                o.put("state", stateJson(sec.state()));
            }
            sections.add(o.build());
        }
        b.put("sections", Json.array(sections));
        return b.build();
    }

    private static JsonObject stateJson(DecodedState st) {
        List<JsonValue> fields = new ArrayList<>();
        for (DecodedField f : st.fields()) {
            JsonObject.Builder o = Json.object().put("name", f.name()).put("type", f.type());
            if (f.index() >= 0) {
                o.put("index", f.index());
            }
            o.put("size", f.size());
            if (f.nested() != null) {
                o.put("struct", stateJson(f.nested()));
            } else if (f.value() instanceof StateValue.Int i) {
                o.put("value", i.value());
            } else if (f.value() instanceof StateValue.Bool bo) {
                o.put("value", bo.value());
            } else {
                o.put("hex", ((StateValue.Buf) f.value()).bytes().hex());
            }
            fields.add(o.build());
        }
        JsonObject.Builder b = Json.object().put("vmsd_name", st.vmsdName()).put("version", st.version())
                .put("fields", Json.array(fields));
        if (!st.subsections().isEmpty()) {
            List<JsonValue> subs = new ArrayList<>();
            for (DecodedState sub : st.subsections()) {
                subs.add(stateJson(sub));
            }
            b.put("subsections", Json.array(subs));
        }
        return b.build();
    }
}
