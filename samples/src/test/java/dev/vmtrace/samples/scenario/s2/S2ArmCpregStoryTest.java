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

    /** The story runs from a recorded trace: each finding names the put and the step behind it by trace event. */
    @Test
    void findingsNameTheirTraceEvents() throws Exception {
        StoryResult r = new S2ArmCpregStory().run();
        // Workload lines 5..11 are trace events #0..#6: the debugger write is #3, the puts #4 and #6, the reset #5.
        StoryFinding lost = r.findings().stream().filter(f -> f.code().equals("LOST_EMULATOR_WRITE")).findFirst().orElseThrow();
        assertTrue(lost.evidence().startsWith("put at line 9 (trace event #4)"), lost.evidence());
        assertTrue(lost.evidence().contains("debugger write at line 8, trace event #3"), lost.evidence());
        List<StoryFinding> clobbered = r.findings().stream().filter(f -> f.code().equals("RESET_VALUE_CLOBBERED")).toList();
        // The firmware's VBAR and SCTLR, and the debugger's ESR_EL1, all come back from the stale CPU state.
        assertEquals(java.util.Set.of("VBAR_EL1", "SCTLR_EL1", "ESR_EL1"),
                clobbered.stream().map(StoryFinding::path).collect(java.util.stream.Collectors.toSet()));
        for (StoryFinding f : clobbered) {
            assertEquals("WRITEBACK_STALE_RESET", f.variant());
            assertTrue(f.evidence().startsWith("put at line 11 (trace event #6)"), f.evidence());
            assertTrue(f.evidence().contains("reset at line 10, trace event #5"), f.evidence());
        }
        assertTrue(r.variants().stream().anyMatch(v -> v.variant().equals("NO_WRITEBACK")
                && v.summary().endsWith("first at trace event #4")), r.variants()::toString);
    }

    /** The trace the story records holds the workload's seven steps as CPU_SYNC events on virt-7.2 under KVM. */
    @Test
    void recordingHoldsOneSyncEventPerStep(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        List<SyncStep> steps = SyncScript.parse(S2ArmCpregStory.WORKLOAD,
                dev.vmtrace.samples.scenario.StoryResources.text(S2ArmCpregStory.WORKLOAD));
        S2ArmCpregStory.Recording rec = S2ArmCpregStory.record(steps, tmp.resolve("s2.vmtrace"));
        try (dev.vmtrace.trace.TraceReader r = dev.vmtrace.trace.TraceReader.open(rec.trace())) {
            assertEquals("virt-7.2", r.header().machineType());
            assertEquals("kvm", r.header().accelerator());
            List<dev.vmtrace.trace.CpuSyncKind> kinds = new java.util.ArrayList<>();
            while (r.hasNext()) {
                kinds.add(((dev.vmtrace.trace.CpuSync) r.next()).kind());
            }
            assertEquals(List.of(dev.vmtrace.trace.CpuSyncKind.GUEST_WRITE, dev.vmtrace.trace.CpuSyncKind.GUEST_WRITE,
                    dev.vmtrace.trace.CpuSyncKind.GET, dev.vmtrace.trace.CpuSyncKind.DEBUGGER_WRITE,
                    dev.vmtrace.trace.CpuSyncKind.PUT, dev.vmtrace.trace.CpuSyncKind.RESET,
                    dev.vmtrace.trace.CpuSyncKind.PUT), kinds);
        }
        assertEquals(9, rec.line(4));
    }

    @Test
    void anUnknownRegisterIsBadInputAtItsLine() throws Exception {
        List<SyncStep> steps = SyncScript.parse("w", "get\ndebugger-write NOPE_EL1 0x1\n");
        BadInputException e = assertThrows(BadInputException.class, () -> S2ArmCpregStory.runPolicy(SyncPolicy.WRITEBACK, steps));
        assertEquals(2, e.line());
    }
}
