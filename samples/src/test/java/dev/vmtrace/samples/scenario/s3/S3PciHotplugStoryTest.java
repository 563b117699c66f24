package dev.vmtrace.samples.scenario.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryReport;
import dev.vmtrace.samples.scenario.StoryResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3PciHotplugStoryTest {
    @Test
    void storyIsDetectedAsExpected() throws Exception {
        StoryResult r = new S3PciHotplugStory().run();
        System.out.println(StoryReport.text(List.of(r)));
        assertTrue(r.detected(), r.unmet().toString());
        assertTrue(r.asExpected(), r.unmet().toString());
    }

    @Test
    void onlyThePreFixDeviceLosesTheEventAndTheUpFieldDiffersByVersion() throws Exception {
        StoryResult r = new S3PciHotplugStory().run();
        List<StoryFinding> lost = r.findings().stream().filter(f -> f.code().equals("LOST_HOTPLUG_EVENT")).toList();
        assertEquals(1, lost.size(), lost::toString);
        assertEquals(S3PciHotplugStory.PRE_FIX, lost.get(0).variant());
        assertTrue(lost.get(0).evidence().contains("-> 0x0"), lost.get(0).evidence());
        // Before the fix the removal wiped up; after it up is computed as present-and-hotpluggable
        // (slots 3 and 4); pcihp.c keeps the real pending inserts (slot 4, read but never cleared in
        // legacy-piix mode, and slot 3).
        List<String> ups = r.findings().stream().filter(f -> f.code().equals("PCIHP_UP_FIELD"))
                .map(f -> f.evidence().split(" ")[1]).toList();
        assertEquals(List.of("0x0", "0x18", "0x18", "0x18", "0x18"), ups);
    }

    @Test
    void malformedWorkloadsFailWithTheLine() {
        BadInputException e = assertThrows(BadInputException.class, () -> PcihpScript.parse("w", "inl 0xae00\ninl 0x80\n"));
        assertEquals(2, e.line());
        assertThrows(BadInputException.class, () -> PcihpScript.parse("w", "# vmtrace: device_add pci slot=40\n"));
        assertThrows(BadInputException.class, () -> PcihpScript.parse("w", "outl 0xae08 zz\n"));
    }
}
