package dev.vmtrace.engine.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden files of the stream writer, checked both ways: encoding the known machine gives the
 * stored bytes, and the stored bytes decode to the known machine. Regenerate with
 * {@code -Dvmtrace.regenerateGoldens=true} and review the diff.
 */
class StreamGoldenTest {
    private static final Path DIR = Paths.get("src", "test", "resources", "golden");

    private static byte[] golden(String name, byte[] actual) throws Exception {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("vmtrace.regenerateGoldens")) {
            Files.createDirectories(DIR);
            Files.write(file, actual);
        }
        assertTrue(Files.isRegularFile(file), "missing golden " + file + " (run with -Dvmtrace.regenerateGoldens=true)");
        return Files.readAllBytes(file);
    }

    @Test
    void encodesTheKnownMachineToTheGoldenBytes() throws Exception {
        byte[] bytes = MigrationStreamWriter.write(TestMachines.machine());
        assertArrayEquals(golden("machine-i440fx-7.2.bin", bytes), bytes);
        byte[] legacy = MigrationStreamWriter.write(TestMachines.legacyMachine());
        assertArrayEquals(golden("machine-legacy.bin", legacy), legacy);
    }

    @Test
    void decodesTheGoldenBytesToTheKnownMachine() throws Exception {
        byte[] data = Files.readAllBytes(DIR.resolve("machine-i440fx-7.2.bin"));
        MigrationStream s = MigrationStreamReader.read("golden", data);
        assertEquals("pc-i440fx-7.2", s.machineType());
        assertEquals(TestMachines.RAM, s.ramBlocks());
        assertEquals(List.of("ram", "timer", "fw_cfg", "0000:00:01.3/test_pm"),
                s.sections().stream().map(StreamSection::key).toList());
        DecodedState fw = s.section("fw_cfg", 0).state();
        assertEquals(0x14, ((StateValue.Int) fw.subsection("fw_cfg/acpi_mr").field("rsdp_mr_size").value()).value());
        DecodedState pm = s.section("0000:00:01.3/test_pm", 0).state();
        assertEquals("CPU hotplug state", pm.subsection("test_pm/cpuhp").field("cpuhp").nested().vmsdName());

        Map<String, VmStateDescription> schemas = Map.of("timer", TestMachines.TIMER, "fw_cfg", TestMachines.FW_CFG,
                "0000:00:01.3/test_pm", TestMachines.PM);
        Map<String, StateNode> locals = Map.of("fw_cfg", TestMachines.fwCfg(), "0000:00:01.3/test_pm", TestMachines.pm(false));
        Map<String, StateNode> loaded = MachineStateLoader.load(data, s, schemas, locals);
        for (DeviceState d : TestMachines.devices()) {
            StateNode got = loaded.get(d.key());
            assertEquals(d.state().fields(), got.fields(), d.key());
            assertEquals(d.state().subsections().keySet().stream().filter(k -> !k.equals("test_pm/cpuhp")
                    || d.state().getBool("modern")).toList(), List.copyOf(got.subsections().keySet()), d.key());
        }
        assertEquals(TestMachines.pm(true).subsections().get("test_pm/cpuhp").fields(),
                loaded.get("0000:00:01.3/test_pm").subsections().get("test_pm/cpuhp").fields());
    }

    @Test
    void legacyStreamWithoutVmdescStillGivesSectionsAndRamBlocks() throws Exception {
        byte[] data = Files.readAllBytes(DIR.resolve("machine-legacy.bin"));
        MigrationStream s = MigrationStreamReader.read("legacy", data);
        assertNull(s.machineType());
        assertFalse(s.hasVmdesc());
        assertEquals(TestMachines.RAM, s.ramBlocks());
        long pages = TestMachines.RAM.stream().mapToLong(RamBlock::usedLength).sum() / 4096;
        assertEquals(pages, s.zeroPages());
        assertEquals(List.of("ram", "timer", "fw_cfg", "0000:00:01.3/test_pm"),
                s.sections().stream().map(StreamSection::key).toList());
        assertFalse(s.sections().get(1).footer());
        Map<String, StateNode> loaded = MachineStateLoader.load(data, s, Map.of("timer", TestMachines.TIMER), null);
        assertEquals(0x1122334455L, loaded.get("timer").getLong("cpu_ticks_offset"));
    }

    @Test
    void vmtraceSchemasLoadQemusOwnSectionsAndReencodeThemByteForByte() throws Exception {
        Path file = RealQemu.realFile("mig/pc-i440fx-7.2.bin");
        byte[] data = Files.readAllBytes(file);
        MigrationStream s = MigrationStreamReader.read(file);
        Map<String, VmStateDescription> schemas = Map.of("timer", TestMachines.TIMER, "fw_cfg", TestMachines.FW_CFG);
        Map<String, StateNode> locals = Map.of("fw_cfg", TestMachines.fwCfg());
        Map<String, StateNode> loaded = MachineStateLoader.load(data, s, schemas, locals);
        StateNode fw = loaded.get("fw_cfg");
        assertEquals(0x14, fw.subsections().get("fw_cfg/acpi_mr").getLong("rsdp_mr_size"));
        for (String key : List.of("timer", "fw_cfg")) {
            StreamSection sec = s.section(key, 0);
            int body = (int) (sec.offset() + 1 + 4 + 1 + key.length() + 4 + 4);
            WireOutput out = new WireOutput();
            StateCodec.save(schemas.get(key), loaded.get(key), out, JsonObject.builder());
            assertArrayEquals(Arrays.copyOfRange(data, body, body + (int) sec.length()), out.toByteArray(), key);
        }
    }
}
