package dev.vmtrace.samples.scenario.s1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryReport;
import dev.vmtrace.samples.scenario.StoryResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class S1SmiNegotiationStoryTest {
    @Test
    void storyIsDetectedAsExpected() throws Exception {
        StoryResult r = new S1SmiNegotiationStory().run();
        System.out.println(StoryReport.text(List.of(r)));
        assertTrue(r.detected(), r.unmet().toString());
        assertTrue(r.asExpected(), r.unmet().toString());
    }

    @Test
    void negotiatedValuesFollowTheMachineTypeAndNoAllOnesIsTakenForFeatures() throws Exception {
        StoryResult r = new S1SmiNegotiationStory().run();
        List<StoryFinding> errors = r.findings().stream().filter(StoryFinding::isError).toList();
        // Only the machine type without the feature and the migration to 2.8 break.
        assertEquals(List.of("NO_BROADCAST_SMI", "MIGRATION_SUBSECTION_UNKNOWN"),
                errors.stream().map(StoryFinding::code).toList(), errors::toString);
        StoryFinding on29 = r.findings().stream().filter(f -> f.code().equals("SMI_NEGOTIATED")
                && f.variant().startsWith("pc-q35-2.9")).findFirst().orElseThrow();
        assertTrue(on29.evidence().contains("read 0x1") && on29.evidence().contains("negotiated 0x1"), on29.evidence());
        StoryFinding on28 = r.findings().stream().filter(f -> f.code().equals("NO_BROADCAST_SMI")).findFirst().orElseThrow();
        assertTrue(on28.evidence().contains("read 0x0") && on28.evidence().contains("subsection not sent"), on28.evidence());
        StoryFinding mig = errors.get(1);
        assertTrue(mig.evidence().contains("unknown subsection ICH9LPC/smi_feat"), mig.evidence());
    }
}
