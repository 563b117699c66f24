package dev.vmtrace.replay;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.Json;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.engine.stream.StreamFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a machine's device state as a QEMU-format migration stream (QEVM version 3: the
 * configuration section, one FULL section with footer per {@link Migratable} device, EOF and the
 * vmdesc trailer) and loads such a stream into another machine, the way a QEMU destination does:
 * the configuration must name the same machine type, every section must exist on the destination,
 * versions and field checks are enforced by the state codec. No RAM section: the engine keeps no
 * guest RAM worth migrating for replay.
 */
public final class MachineStreams {
    private MachineStreams() {
    }

    /** The devices of {@code m} that have migratable state, in device order. */
    private static List<Section> migratables(Machine m) {
        List<Section> out = new ArrayList<>();
        for (Device d : m.devices()) {
            if (d instanceof Migratable) {
                Migratable g = (Migratable) d;
                out.add(new Section() {
                    @Override
                    public String sectionId() {
                        return g.sectionId();
                    }

                    @Override
                    public int instanceId() {
                        return g.instanceId();
                    }

                    @Override
                    public VmStateDescription vmstate() {
                        return g.vmstate();
                    }

                    @Override
                    public StateNode state() {
                        return g.state();
                    }

                    @Override
                    public void restore(StateNode state) throws BadInputException {
                        g.restore(state);
                    }
                });
            }
        }
        return out;
    }

    /** The stream bytes of {@code m}'s current state. */
    public static byte[] save(Machine m) {
        WireOutput out = new WireOutput();
        out.writeU32(StreamFormat.MAGIC).writeU32(StreamFormat.FILE_VERSION);
        byte[] name = m.type().name().getBytes(StandardCharsets.ISO_8859_1);
        out.writeU8(StreamFormat.CONFIGURATION).writeU32(name.length).writeBytes(name, 0, name.length);
        List<JsonValue> devices = new ArrayList<>();
        int id = 0;
        for (Section d : sections(m)) {
            out.writeU8(StreamFormat.SECTION_FULL).writeU32(id).writeCountedString(d.sectionId())
                    .writeU32(d.instanceId()).writeU32(d.vmstate().versionId());
            JsonObject.Builder desc = JsonObject.builder();
            desc.put("name", d.sectionId());
            desc.put("instance_id", d.instanceId());
            StateCodec.save(d.vmstate(), d.state(), out, desc);
            out.writeU8(StreamFormat.SECTION_FOOTER).writeU32(id);
            devices.add(desc.build());
            id++;
        }
        out.writeU8(StreamFormat.EOF);
        JsonObject vmdesc = Json.object().put("page_size", StreamFormat.DEFAULT_PAGE_SIZE)
                .put("devices", Json.array(devices)).build();
        byte[] json = JsonWriter.compact(vmdesc).getBytes(StandardCharsets.UTF_8);
        out.writeU8(StreamFormat.VMDESCRIPTION).writeU32(json.length).writeBytes(json, 0, json.length);
        return out.toByteArray();
    }

    /**
     * Loads {@code stream} into {@code m}. Every section is decoded before any device is restored,
     * so a failure leaves {@code m} unchanged.
     *
     * @throws MigrationLoadException naming the section (and, through the codec's message, the
     *     field) that made the load fail
     */
    public static void load(Machine m, byte[] stream, String source) throws MigrationLoadException {
        WireInput in = new WireInput(source, stream);
        String section = "header";
        try {
            if (in.readU32("magic") != StreamFormat.MAGIC || in.readU32("file version") != StreamFormat.FILE_VERSION) {
                throw in.errorAt(0, "not a QEVM version 3 stream");
            }
            Map<Section, StateNode> loaded = new LinkedHashMap<>();
            Map<String, Section> local = new LinkedHashMap<>();
            for (Section d : sections(m)) {
                local.put(d.sectionId() + " " + d.instanceId(), d);
            }
            while (true) {
                int type = in.readU8("section type");
                if (type == StreamFormat.EOF) {
                    break;
                }
                if (type == StreamFormat.CONFIGURATION) {
                    section = "configuration";
                    long len = in.readU32("configuration length");
                    if (len > StreamFormat.MAX_CONFIG_NAME) {
                        throw in.error("machine name longer than " + StreamFormat.MAX_CONFIG_NAME + " bytes");
                    }
                    String name = in.readString((int) len, "machine name");
                    if (!name.equals(m.type().name())) {
                        throw in.error("Machine type received is '" + name + "' and local is '" + m.type().name() + "'");
                    }
                    continue;
                }
                if (type != StreamFormat.SECTION_FULL) {
                    throw in.error("unsupported section type " + StreamFormat.typeName(type));
                }
                long id = in.readU32("section id");
                section = in.readCountedString("section id string");
                long instance = in.readU32("instance id");
                long version = in.readU32("version id");
                Section d = local.get(section + " " + instance);
                if (d == null) {
                    throw in.error("Unknown savevm section or instance '" + section + "' " + instance);
                }
                if (version > Integer.MAX_VALUE) {
                    throw in.error("version id out of range");
                }
                loaded.put(d, StateCodec.load(d.vmstate(), in, (int) version, d.state()));
                if (in.readU8("section footer") != StreamFormat.SECTION_FOOTER || in.readU32("footer id") != id) {
                    throw in.error("section footer missing or for another section");
                }
            }
            section = "restore";
            for (Map.Entry<Section, StateNode> e : loaded.entrySet()) {
                section = e.getKey().sectionId();
                e.getKey().restore(e.getValue());
            }
        } catch (BadInputException e) {
            throw new MigrationLoadException(section, e.getMessage(), e);
        }
    }

    /** Everything saved for {@code m}: its migratable devices, then the adapted ones. */
    private static List<Section> sections(Machine m) {
        List<Section> out = new ArrayList<>(migratables(m));
        for (StateAdapters.Adapter a : StateAdapters.of(m)) {
            out.add(new Section() {
                @Override
                public String sectionId() {
                    return a.sectionId();
                }

                @Override
                public VmStateDescription vmstate() {
                    return a.schema();
                }

                @Override
                public StateNode state() {
                    return a.save();
                }

                @Override
                public void restore(StateNode state) throws BadInputException {
                    try {
                        a.restore(state);
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        throw BadInputException.unreadable(a.sectionId(), e.getMessage(), e);
                    }
                }
            });
        }
        return out;
    }

    /** The snapshot differences between fresh (power-on) machines of {@code a} and {@code b}. */
    static List<StateDiff.Difference> freshDifferences(dev.vmtrace.engine.machine.MachineConfig a,
            dev.vmtrace.engine.machine.MachineConfig b) throws BadInputException {
        return StateDiff.compare(StateDiff.flatten(save(new EngineRun(a).machine()), "recorded configuration"),
                StateDiff.flatten(save(new EngineRun(b).machine()), "replayed configuration"), new java.util.TreeSet<>());
    }

    /** A saved section: a migratable device, or an adapter seen as one. */
    private interface Section extends Migratable {
    }
}
