package dev.vmtrace.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the two real QEMU 7.2 streams in samples/real/mig completely. */
class RealStreamReaderTest {
    static MigrationStream read(String machine) throws Exception {
        return MigrationStreamReader.read(RealQemu.realFile("mig/" + machine + ".bin"));
    }

    @Test
    void i440fxHasEverySectionFormatsMdNamesInOrder() throws Exception {
        MigrationStream s = read("pc-i440fx-7.2");
        assertEquals("pc-i440fx-7.2", s.machineType());
        List<String> keys = new ArrayList<>();
        for (StreamSection sec : s.sections()) {
            keys.add(sec.key());
        }
        assertEquals(List.of("ram", "timer", "cpu_common", "cpu", "kvm-tpr-opt", "apic", "fw_cfg", "PCIHost", "PCIBUS",
                "0000:00:00.0/I440FX", "dma", "dma 1", "0000:00:01.0/PIIX3", "i8259", "i8259 1", "ioapic", "hpet",
                "mc146818rtc", "i8254", "pcspk", "fdc", "ps2kbd", "ps2mouse", "pckbd", "vmmouse", "port92",
                "0000:00:01.1/ide", "i2c_bus", "0000:00:01.3/piix4_pm", "acpi_build", "globalstate"), keys);
        for (StreamSection sec : s.sections()) {
            assertTrue(sec.footer(), sec.key() + " has a footer");
            if (!sec.isRam()) {
                assertNotNull(sec.state(), sec.key() + " decoded");
            }
        }
        DecodedState acpiMr = s.section("fw_cfg", 0).state().subsection("fw_cfg/acpi_mr");
        assertEquals(0x20000, ((StateValue.Int) acpiMr.field("table_mr_size").value()).value());
        assertEquals(0x1000, ((StateValue.Int) acpiMr.field("linker_mr_size").value()).value());
        assertEquals(0x14, ((StateValue.Int) acpiMr.field("rsdp_mr_size").value()).value());
        DecodedState pm = s.section("0000:00:01.3/piix4_pm", 0).state();
        assertEquals("piix4_pm", pm.vmsdName());
        assertEquals(3, pm.version());
        assertEquals("PCIDevice", pm.field("parent_obj").nested().vmsdName());
        assertEquals(4096, s.pageSize());
    }

    @Test
    void q35DecodesIch9SubsectionsInsideStructs() throws Exception {
        MigrationStream s = read("pc-q35-7.2");
        assertEquals("pc-q35-7.2", s.machineType());
        DecodedState lpc = s.section("0000:00:1f.0/ICH9LPC", 0).state();
        DecodedState pm = lpc.field("pm").nested();
        assertNotNull(pm.subsection("ich9_pm/pcihp"), "ich9_pm/pcihp is sent on q35 7.2 (bridge mode on)");
        assertNotNull(s.section("fw_cfg", 0).state().subsection("fw_cfg/acpi_mr"));
        assertEquals(29 + 1, s.sections().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void ramBlocksMatchInfoRamblock(String machine) throws Exception {
        MigrationStream s = read(machine);
        List<RamBlock> expected = new ArrayList<>();
        for (String line : Files.readAllLines(RealQemu.realFile("mig/" + machine + ".ramblocks.txt"))) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 6 && cols[4].startsWith("0x")) {
                expected.add(new RamBlock(cols[0], Long.decode(cols[4])));
            }
        }
        assertEquals(6, expected.size());
        assertEquals(expected, s.ramBlocks());
        long pageTotal = (s.pages() + s.zeroPages()) * s.pageSize();
        assertEquals(expected.stream().mapToLong(RamBlock::usedLength).sum(), pageTotal,
                "a paused VM's first pass sends every page, as data or as a zero page");
        assertTrue(s.hasVmdesc());
    }

    static Path realStream(String machine) {
        return RealQemu.realFile("mig/" + machine + ".bin");
    }
}
