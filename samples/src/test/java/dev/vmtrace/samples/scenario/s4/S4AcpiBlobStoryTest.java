package dev.vmtrace.samples.scenario.s4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class S4AcpiBlobStoryTest {
    @Test
    void detectsTheSeedBugAndTheFixesAreClean() throws Exception {
        StoryResult r = new S4AcpiBlobStory().run();
        assertTrue(r.detected(), r.unmet().toString());
        assertTrue(r.asExpected(), r.unmet().toString());
        StoryFinding f = r.findings().stream().filter(x -> x.code().equals("LOADER_INVALID_CHECKSUM_RANGE")).findFirst()
                .orElseThrow();
        assertEquals("ProcessCmdAddChecksum: invalid checksum range in \"etc/acpi/tables\"", f.message());
        assertEquals("virt-4.0 on QEMU 4.0", f.variant());
    }

    @Test
    void q35BootsGetMcfgOnceTheFirmwareEnablesMmconfig() throws Exception {
        StoryResult r = new S4AcpiBlobStory().run();
        List<StoryFinding> tables = r.findings().stream().filter(x -> x.code().equals("ACPI_TABLES")).toList();
        assertEquals(10, tables.size(), "two boots per variant");
        for (StoryFinding f : tables) {
            if (f.variant().startsWith("pc-q35")) {
                // OVMF's PCIEXBAR enable precedes the loader's first select, which rebuilds
                assertTrue(f.evidence().contains("MCFG"), f.variant() + " " + f.message() + ": " + f.evidence());
            }
        }
        assertTrue(tables.stream().anyMatch(f -> f.variant().equals("virt-4.0 on QEMU 4.0") && f.evidence().isEmpty()),
                "the rejected script installs nothing");
    }

    @Test
    void malformedWorkloadsFailWithTheLine() {
        BadInputException e = assertThrows(BadInputException.class, () -> Workload.parse("w", "machine x\nfly\n"));
        assertEquals(2, e.line());
        assertThrows(BadInputException.class, () -> Workload.parse("w", "hotplug\n"));
    }
}
