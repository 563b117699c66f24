package dev.vmtrace.samples.scenario.s4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResult;
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
    void malformedWorkloadsFailWithTheLine() {
        BadInputException e = assertThrows(BadInputException.class, () -> Workload.parse("w", "machine x\nfly\n"));
        assertEquals(2, e.line());
        assertThrows(BadInputException.class, () -> Workload.parse("w", "hotplug\n"));
    }
}
