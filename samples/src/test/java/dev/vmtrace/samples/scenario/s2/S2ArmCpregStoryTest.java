package dev.vmtrace.samples.scenario.s2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class S2ArmCpregStoryTest {
    @Test
    void storyIsDetectedAsExpected() throws Exception {
        StoryResult r = new S2ArmCpregStory().run();
        assertTrue(r.detected(), r.unmet().toString());
        assertTrue(r.asExpected(), r.unmet().toString());
    }

    @Test
    void finalPolicyFindsNothingAndOldPolicyOnlyTheLostWrite() throws Exception {
        List<SyncStep> steps = SyncScript.parse("t", "guest-write VBAR_EL1 0x1000\nget\ndebugger-write ESR_EL1 0x5\nput\nreset\nput\n");
        assertTrue(S2ArmCpregStory.runPolicy(SyncPolicy.WRITEBACK, steps).isEmpty());
        List<StoryFinding> old = S2ArmCpregStory.runPolicy(SyncPolicy.NO_WRITEBACK, steps);
        assertEquals(1, old.size());
        assertEquals("LOST_EMULATOR_WRITE", old.get(0).code());
        assertEquals("ESR_EL1", old.get(0).path());
        assertTrue(old.get(0).evidence().contains("put at line 4"), old.get(0).evidence());
    }

    @Test
    void withoutAResetTheFirstFixIsClean() throws Exception {
        List<SyncStep> steps = SyncScript.parse("t", "guest-write VBAR_EL1 0x1000\nget\ndebugger-write ESR_EL1 0x5\nput\n");
        assertTrue(S2ArmCpregStory.runPolicy(SyncPolicy.WRITEBACK_STALE_RESET, steps).isEmpty());
    }

    @Test
    void badWorkloadLinesAreTypedErrorsWithTheLine() {
        BadInputException e = assertThrows(BadInputException.class, () -> SyncScript.parse("w", "get\nfrobnicate\n"));
        assertEquals(2, e.line());
        e = assertThrows(BadInputException.class, () -> SyncScript.parse("w", "guest-write VBAR_EL1 0xzz\n"));
        assertEquals(1, e.line());
        e = assertThrows(BadInputException.class, () -> SyncScript.parse("w", "put now\n"));
        assertEquals(1, e.line());
    }
}
