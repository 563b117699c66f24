package dev.vmtrace.engine.devices.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vmtrace.engine.devices.StreamCapture;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.json.JsonArray;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Acceptance: the PM section vmtrace saves (piix4_pm, ICH9LPC with every subsection) has exactly
 * the vmdesc entry a real QEMU 7.2 stream of the same configuration has: names, types, sizes,
 * versions, array forms and subsections, compared as JSON text.
 */
class PmStateLayoutTest {

    static String realEntry(Path stream, String section) throws Exception {
        MigrationStream s = MigrationStreamReader.read(stream);
        JsonArray devices = s.vmdesc().array("devices");
        for (JsonValue v : devices.elements()) {
            JsonObject o = (JsonObject) v;
            if (o.string("name").equals(section)) {
                return JsonWriter.compact(o);
            }
        }
        throw new AssertionError("no " + section + " in " + stream);
    }

    static String vmtraceEntry(Machine m) {
        Migratable d = m.device(Ich9Pm.class) != null ? m.device(Ich9Pm.class) : m.device(Piix4Pm.class);
        JsonObject.Builder desc = JsonObject.builder().put("name", d.sectionId()).put("instance_id", d.instanceId());
        StateCodec.save(d.vmstate(), d.state(), new WireOutput(), desc);
        return JsonWriter.compact(desc.build());
    }

    static Machine engine(String machine, String smp, List<String> globals) {
        return Machine.build(MachineConfig.parse(machine, smp, "32M", List.of(), globals, Release.DEFAULT, Accel.KVM,
                null));
    }

    @Test
    void bundledStreamsOfBothFamilies() throws Exception {
        Path dir = RealQemu.realDir().resolve("mig");
        assertEquals(realEntry(dir.resolve("pc-i440fx-7.2.bin"), Piix4PmSchema.SECTION),
                vmtraceEntry(engine("pc-i440fx-7.2", null, List.of())));
        assertEquals(realEntry(dir.resolve("pc-q35-7.2.bin"), Ich9LpcSchema.SECTION),
                vmtraceEntry(engine("pc-q35-7.2", null, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "pc-bridge-off;pc-i440fx-7.2;;PIIX4_PM.acpi-pci-hotplug-with-bridge-support=off;false",
            "pc-nvdimm;pc-i440fx-7.2,nvdimm=on;;;false",
            "pc-6.2;pc-i440fx-6.2;;;false",
            "pc-3.1;pc-i440fx-3.1;;;false",
            "pc-2.4;pc-i440fx-2.4;;;false",
            "q35-6.0;pc-q35-6.0;;;false",
            "q35-nvdimm;pc-q35-7.2,nvdimm=on;;;false",
            "pc-modern;pc-i440fx-7.2;2,maxcpus=4;;true",
            "q35-modern;pc-q35-7.2;3,maxcpus=5;;true"})
    void capturedConfigurations(String name, String machine, String smp, String global, boolean modern) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList("-M", machine, "-m", "32"));
        List<String> globals = new ArrayList<>();
        if (smp != null) {
            args.addAll(List.of("-smp", smp));
        }
        if (global != null) {
            args.addAll(List.of("-global", global));
            globals.add(global);
        }
        Path stream = StreamCapture.stream(name, modern, args);
        Machine m = engine(machine, smp, globals);
        if (modern) {
            m.device(CpuHotplug.class).switchToModern();
        }
        String section = machine.contains("q35") ? Ich9LpcSchema.SECTION : Piix4PmSchema.SECTION;
        String real = realEntry(stream, section);
        assertNotNull(real);
        assertEquals(real, vmtraceEntry(m));
    }
}
