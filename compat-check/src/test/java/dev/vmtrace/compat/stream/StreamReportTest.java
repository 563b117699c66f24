package dev.vmtrace.compat.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamReportTest {
    @Test
    void textNamesMachineRamBlocksSectionsAndFields() throws Exception {
        MigrationStream s = MigrationStreamReader.read(RealQemu.realFile("mig/pc-i440fx-7.2.bin"));
        String text = StreamReport.text(s, true);
        assertTrue(text.contains("machine type: pc-i440fx-7.2"), text);
        assertTrue(text.matches("(?s).*/rom@etc/acpi/tables +used 0x20000\\n.*"), text);
        assertTrue(text.contains("subsection fw_cfg/acpi_mr v1"), text);
        assertTrue(text.contains("rsdp_mr_size (uint64, 8) = 20 (0x14)"), text);
        assertTrue(text.contains("0000:00:01.3/piix4_pm v3 (FULL"), text);
    }

    @Test
    void jsonIsParseableAndCarriesDecodedValues() throws Exception {
        MigrationStream s = MigrationStreamReader.read(RealQemu.realFile("mig/pc-q35-7.2.bin"));
        String json = JsonWriter.pretty(StreamReport.json(s));
        JsonObject back = JsonReader.parse("report", json.getBytes(StandardCharsets.UTF_8)).asObject("report");
        assertEquals("pc-q35-7.2", back.string("machine_type"));
        assertEquals(6, back.array("ram_blocks").size());
        assertEquals(30, back.array("sections").size());
        JsonObject fwCfg = back.array("sections").elements().stream().map(v -> (JsonObject) v)
                .filter(o -> "fw_cfg".equals(((dev.vmtrace.engine.json.JsonString) o.get("idstr")).value()))
                .findFirst().orElseThrow();
        JsonObject acpiMr = (JsonObject) fwCfg.object("state").array("subsections").get(1);
        assertEquals("fw_cfg/acpi_mr", acpiMr.string("vmsd_name"));
        assertEquals(0x14, ((JsonObject) acpiMr.array("fields").get(2)).longValue("value"));
    }
}
