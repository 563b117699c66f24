package dev.vmtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.cpu.arm.ArmCpu;
import dev.vmtrace.engine.cpu.arm.CpRegSet;
import dev.vmtrace.engine.cpu.arm.HypervisorVcpu;
import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.CpuSync;
import dev.vmtrace.trace.CpuSyncKind;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording ARM vCPU sync steps into a trace and replaying them under each policy. */
class CpuSyncReplayerTest {
    private static final long ESR_EL1 = 0x603000000013c290L;

    @TempDir
    Path tmp;

    /**
     * Story S2's sequence: firmware sets VBAR and SCTLR, get, a debugger writes ESR_EL1, put,
     * reset, put. Returns the seqs of the steps.
     */
    private static long[] record(TraceWriter w, SyncPolicy policy) throws Exception {
        CpRegSet set = CpRegSet.cortexA57();
        CpuSyncRecorder rec = new CpuSyncRecorder(w, new ArmCpu(set, policy, HypervisorVcpu.matching(set), e -> { }), 0);
        return new long[] {
            rec.guestWrite("VBAR_EL1", 0xffff000010080800L),
            rec.guestWrite("SCTLR_EL1", 0x30d519bdL),
            rec.get(),
            rec.debuggerWrite("ESR_EL1", 0xf2000000L),
            rec.put(),
            rec.reset(),
            rec.put()};
    }

    private Path recordFile(SyncPolicy policy) throws Exception {
        Path f = tmp.resolve("s2-" + policy + ".vmtrace");
        try (TraceWriter w = TraceWriter.createFile(f, CpuSyncRecorder.header("test", "virt-7.2", "7.2.22", policy))) {
            record(w, policy);
        }
        return f;
    }

    @Test
    void recorderWritesOneEventPerStepWithTheKvmId() throws Exception {
        Path dir = tmp.resolve("queue");
        long[] seqs;
        try (TraceWriter w = TraceWriter.create(dir, CpuSyncRecorder.header("test", "virt-7.2", "7.2.22", SyncPolicy.WRITEBACK))) {
            seqs = record(w, SyncPolicy.WRITEBACK);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), java.util.Arrays.stream(seqs).boxed().toList());
        List<TraceEvent> events = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            assertEquals("virt-7.2", r.header().machineType());
            assertEquals("kvm", r.header().accelerator());
            assertTrue(CpuSyncReplayer.isSyncTrace(r.header()));
            while (r.hasNext()) {
                events.add(r.next());
            }
        }
        assertEquals(new CpuSync(3, 0, 0, CpuSyncKind.DEBUGGER_WRITE, ESR_EL1, 0xf2000000L), events.get(3));
        assertEquals(new CpuSync(4, 0, 0, CpuSyncKind.PUT, 0, 0), events.get(4));
    }

    @Test
    void oldPolicyLosesTheDebuggerWriteAtTheFirstPut() throws Exception {
        SyncReplayResult r = CpuSyncReplayer.replay(recordFile(SyncPolicy.WRITEBACK), SyncPolicy.NO_WRITEBACK);
        assertEquals(1, r.divergences().size(), r.divergences()::toString);
        SyncDivergence d = r.first();
        assertEquals(DivergenceKind.LOST_WRITE, d.kind());
        assertEquals(4, d.seq());
        assertEquals("ESR_EL1", d.register());
        assertEquals(0xf2000000L, d.expected());
        assertEquals(0, d.actual());
        assertEquals(3, d.causeSeq());
        assertEquals(SyncPolicy.NO_WRITEBACK, d.policy());
        assertEquals(7, r.syncSteps());
        assertEquals(2, r.puts());
        assertEquals("#4 cpu 0 put", r.firstContext().at());
        assertEquals("#3 cpu 0 debugger-write ESR_EL1 <- 0xf2000000", r.firstContext().before().get(3));
        assertEquals(List.of("#5 cpu 0 reset", "#6 cpu 0 put"), r.firstContext().after());
    }

    @Test
    void firstFixClobbersTheResetValuesAtTheSecondPut() throws Exception {
        SyncReplayResult r = CpuSyncReplayer.replay(recordFile(SyncPolicy.NO_WRITEBACK), SyncPolicy.WRITEBACK_STALE_RESET);
        List<String> regs = new ArrayList<>();
        for (SyncDivergence d : r.divergences()) {
            assertEquals(DivergenceKind.RESET_CLOBBERED, d.kind());
            assertEquals(6, d.seq());
            assertEquals(5, d.causeSeq());
            regs.add(d.register());
        }
        assertTrue(regs.contains("VBAR_EL1") && regs.contains("SCTLR_EL1"), regs::toString);
        SyncDivergence vbar = r.divergences().stream().filter(d -> d.register().equals("VBAR_EL1")).findFirst().get();
        assertEquals(0, vbar.expected());
        assertEquals(0xffff000010080800L, vbar.actual());
    }

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void finalPolicyIsCleanWhateverPolicyRecorded(SyncPolicy recordedUnder) throws Exception {
        SyncReplayResult r = CpuSyncReplayer.replay(recordFile(recordedUnder), SyncPolicy.WRITEBACK);
        assertTrue(r.identical(), r.divergences()::toString);
        assertNull(r.firstContext());
        ReplayResult rr = r.toReplayResult();
        assertEquals("identical", rr.verdict());
        assertTrue(ReplayReport.text(rr).contains("sync policy WRITEBACK"), ReplayReport.text(rr));
    }

    @Test
    void asAReplayResultItRendersInEveryReportFormat() throws Exception {
        ReplayResult rr = CpuSyncReplayer.replay(recordFile(SyncPolicy.WRITEBACK), SyncPolicy.NO_WRITEBACK).toReplayResult();
        assertEquals("divergent", rr.verdict());
        assertEquals(1, rr.guestVisibleCount());
        assertEquals("cpu 0 ESR_EL1", rr.first().divergence().region());
        assertEquals("0xf2000000", rr.first().divergence().expected());
        assertTrue(ReplayReport.json(rr).contains("\"kind\":\"lost-write\"") || ReplayReport.json(rr).contains("\"kind\": \"lost-write\""),
                ReplayReport.json(rr));
        assertTrue(ReplayReport.junit(rr).contains("failure"));
        assertTrue(ReplayReport.html(rr).contains("ESR_EL1"));
    }

    @Test
    void aRegisterTheCpuModelLacksIsBadInput() throws Exception {
        Path f = tmp.resolve("bad.vmtrace");
        try (TraceWriter w = TraceWriter.createFile(f, CpuSyncRecorder.header("test", "virt-7.2", "7.2.22", SyncPolicy.WRITEBACK))) {
            w.append(new CpuSync(0, 0, 0, CpuSyncKind.GUEST_WRITE, 0x603000000013ffffL, 1));
        }
        BadInputException e = assertThrows(BadInputException.class, () -> CpuSyncReplayer.replay(f, SyncPolicy.WRITEBACK));
        assertTrue(e.getMessage().contains("event #0"), e.getMessage());
    }
}
