package dev.vmtrace.samples.scenario.s0;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.samples.scenario.StoryReport;
import dev.vmtrace.samples.scenario.StoryResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class S0CpuHotplugStoryTest {
    @Test
    void storyIsDetectedAsExpected() throws Exception {
        StoryResult r = new S0CpuHotplugStory().run();
        System.out.println(StoryReport.text(List.of(r)));
        assertTrue(r.detected(), r.unmet().toString());
        assertTrue(r.asExpected(), r.unmet().toString());
    }
}
