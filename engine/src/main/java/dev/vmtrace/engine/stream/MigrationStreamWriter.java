package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.WireOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link MachineState} as a QEMU migration stream in the order QEMU 7.2 does: header,
 * CONFIGURATION, the RAM section's START piece (block list) and END piece (pages, if any), one
 * FULL section per device, EOF, and the vmdesc trailer in QEMU's JSON shape. Section ids: 0, 1,
 * ... for devices in order, and one more than the last for RAM: QEMU finds the section of a PART or
 * END piece by comparing ids with every handler, whose id is 0 until loaded, so the iterative RAM
 * section must never have id 0. The same {@link MigrationStreamReader} reads the result.
 */
public final class MigrationStreamWriter {
    private static final int PAGE = StreamFormat.DEFAULT_PAGE_SIZE;

    private MigrationStreamWriter() {
    }

    /** The stream bytes for {@code m}. */
    public static byte[] write(MachineState m) {
        WireOutput out = new WireOutput();
        out.writeU32(StreamFormat.MAGIC).writeU32(StreamFormat.FILE_VERSION);
        if (m.machineType() != null) {
            byte[] name = m.machineType().getBytes(StandardCharsets.US_ASCII);
            out.writeU8(StreamFormat.CONFIGURATION).writeU32(name.length).writeBytes(name, 0, name.length);
        }
        int ramId = m.devices().size() + 1;
        header(out, StreamFormat.SECTION_START, ramId, StreamFormat.RAM_SECTION, 0, StreamFormat.RAM_VERSION);
        long total = 0;
        for (RamBlock b : m.ramBlocks()) {
            total += b.usedLength();
        }
        out.writeU64(total | StreamFormat.RAM_MEM_SIZE);
        for (RamBlock b : m.ramBlocks()) {
            out.writeCountedString(b.id()).writeU64(b.usedLength());
        }
        out.writeU64(StreamFormat.RAM_EOS);
        footer(out, m, ramId);
        out.writeU8(StreamFormat.SECTION_END).writeU32(ramId);
        if (m.zeroPages()) {
            for (RamBlock b : m.ramBlocks()) {
                for (long addr = 0; addr < b.usedLength(); addr += PAGE) {
                    if (addr == 0) {
                        out.writeU64(StreamFormat.RAM_ZERO).writeCountedString(b.id());
                    } else {
                        out.writeU64(addr | StreamFormat.RAM_ZERO | StreamFormat.RAM_CONTINUE);
                    }
                    out.writeU8(0);
                }
            }
        }
        out.writeU64(StreamFormat.RAM_EOS);
        footer(out, m, ramId);
        List<JsonValue> devices = new ArrayList<>();
        int id = 0;
        for (DeviceState d : m.devices()) {
            header(out, StreamFormat.SECTION_FULL, id, d.idstr(), d.instanceId(), d.schema().versionId());
            JsonObject.Builder desc = JsonObject.builder().put("name", d.idstr()).put("instance_id", d.instanceId());
            StateCodec.save(d.schema(), d.state(), out, desc);
            devices.add(desc.build());
            footer(out, m, id);
            id++;
        }
        out.writeU8(StreamFormat.EOF);
        if (m.vmdesc()) {
            JsonObject vmdesc = Json.object().put("page_size", PAGE).put("devices", Json.array(devices)).build();
            byte[] json = JsonWriter.compact(vmdesc).getBytes(StandardCharsets.UTF_8);
            out.writeU8(StreamFormat.VMDESCRIPTION).writeU32(json.length).writeBytes(json, 0, json.length);
        }
        return out.toByteArray();
    }

    private static void header(WireOutput out, int type, int id, String idstr, int instance, int version) {
        out.writeU8(type).writeU32(id).writeCountedString(idstr).writeU32(instance).writeU32(version);
    }

    private static void footer(WireOutput out, MachineState m, int id) {
        if (m.footers()) {
            out.writeU8(StreamFormat.SECTION_FOOTER).writeU32(id);
        }
    }
}
