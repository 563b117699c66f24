package dev.vmtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Story S1: SMI feature negotiation over fw_cfg DMA and the APM SMI it governs, replayed across machine types. */
class SmiReplayTest {
    @TempDir
    Path dir;

    private static MachineConfig q35(String machine) {
        return MachineConfig.parse(machine + ",smm=on", "2,maxcpus=4", null, List.of(), List.of(), Release.DEFAULT,
                Accel.TCG, null);
    }

    @Test
    void negotiationReplaysIdenticallyOnItsOwnMachineType() throws Exception {
        Path trace = Workloads.record(dir, "smi-negotiation", q35("pc-q35-7.2"));
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(q35("pc-q35-7.2")));
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
    }

    @Test
    void olderMachineTypeRefusesTheRequestAndTheSmiIsNoLongerBroadcast() throws Exception {
        Path trace = Workloads.record(dir, "smi-negotiation", q35("pc-q35-7.2"));
        long firstRead = Workloads.seqOf(trace, 0x511, 1);
        long apmc = Workloads.seqOf(trace, 0xb2, 1);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(q35("pc-q35-5.0")));
        Divergence first = r.first().divergence();
        assertEquals(DivergenceKind.READ_VALUE, first.kind(), first::toString);
        assertEquals(firstRead, first.seq());
        assertEquals("fwcfg", first.region());
        assertTrue(r.divergences().stream().anyMatch(d -> d.kind() == DivergenceKind.EVENT_MISSING
                && d.seq() == apmc && d.expected().contains("cpu -1")), () -> ReplayReport.text(r));
        assertTrue(r.divergences().stream().anyMatch(d -> d.kind() == DivergenceKind.EVENT_EXTRA
                && d.seq() == apmc && d.actual().contains("cpu 0")), () -> ReplayReport.text(r));
    }
}
