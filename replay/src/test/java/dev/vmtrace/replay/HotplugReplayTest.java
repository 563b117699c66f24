package dev.vmtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CPU hot-add as a host event, device events (GPE) and CPU-hotplug state in snapshots (story S0). */
class HotplugReplayTest {
    @TempDir
    Path dir;

    private static MachineConfig q35(String release, Accel accel, String smp) {
        return MachineConfig.parse(Release.parse(release).atLeast(7, 2, 0) ? "pc-q35-7.2" : "pc-q35-5.1", smp, null,
                List.of(), List.of(), Release.parse(release), accel, null);
    }

    private static long hostEvent(Path trace, HostEventKind kind) throws Exception {
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                if (e instanceof HostEvent && ((HostEvent) e).kind() == kind) {
                    return e.seq();
                }
            }
        }
        throw new AssertionError("no " + kind);
    }

    private Path record() throws Exception {
        return Workloads.record(dir, "cpuhp-hotplug", q35("7.2.22", Accel.TCG, "2,maxcpus=4"));
    }

    @Test
    void hotAddReplaysIdenticallyWithItsGpeEvent() throws Exception {
        Path trace = record();
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(q35("7.2.22", Accel.TCG, "2,maxcpus=4")));
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
        assertEquals(2, r.checkpoints().size());
        assertTrue(hostEvent(trace, HostEventKind.CPU_HOT_ADD) > 0);
    }

    @Test
    void release51TcgStaysLegacyAndTheSnapshotsSaySo() throws Exception {
        ReplayResult r = Replayer.replay(record(), ReplayOptions.of(q35("5.1", Accel.TCG, "2,maxcpus=4")));
        assertEquals(DivergenceKind.DROPPED, r.first().divergence().kind());
        assertTrue(r.groups().containsKey("event-missing"), r.groups()::toString);
        // In legacy mode the PM device does not send its CPU hotplug subsection.
        assertTrue(r.checkpoints().get(0).differences().stream()
                .anyMatch(d -> d.path().endsWith("[ich9_pm/cpuhp]") && d.actual() == null), () -> ReplayReport.text(r));
    }

    @Test
    void migrationCarriesModernModeAndTheHotAddedCpu() throws Exception {
        Path trace = record();
        long at = hostEvent(trace, HostEventKind.MIGRATION_POINT);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(q35("7.2.22", Accel.TCG, "2,maxcpus=4"))
                .withMigration(at, q35("7.2.0", Accel.KVM, "2,maxcpus=4")));
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
        assertTrue(r.migration().loaded());
    }

    @Test
    void migrationToFewerPossibleCpusFailsInTheCpuHotplugSection() throws Exception {
        Path trace = record();
        long at = hostEvent(trace, HostEventKind.MIGRATION_POINT);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(q35("7.2.22", Accel.TCG, "2,maxcpus=4"))
                .withMigration(at, q35("7.2.22", Accel.TCG, "2,maxcpus=2")));
        assertFalse(r.migration().loaded());
        // The PM section carries the CPU hotplug state; its device array needs the same maxcpus.
        assertTrue(r.migration().section().contains("ICH9LPC"), r.migration()::toString);
        assertEquals(DivergenceKind.MIGRATION_LOAD, r.first().divergence().kind());
    }

    @Test
    void pciHotAddAndRemoveReplayAndMigrateWithTheirState() throws Exception {
        MachineConfig pc = Workloads.config("pc-i440fx-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "pcihp-add-remove", pc);
        ReplayResult same = Replayer.replay(trace, ReplayOptions.of(pc));
        assertEquals("identical", same.verdict(), () -> ReplayReport.text(same));
        assertTrue(hostEvent(trace, HostEventKind.PCI_HOT_ADD) < hostEvent(trace, HostEventKind.PCI_HOT_REMOVE));
        long at = hostEvent(trace, HostEventKind.MIGRATION_POINT);
        ReplayResult migrated = Replayer.replay(trace, ReplayOptions.of(pc)
                .withMigration(at, Workloads.config("pc-i440fx-7.2", "7.2.0", Accel.KVM)));
        assertTrue(migrated.migration().loaded());
        assertEquals("identical", migrated.verdict(), () -> ReplayReport.text(migrated));
        // The pending removal (down bit of slot 5) is in the snapshot taken before the eject.
        assertTrue(same.checkpoints().size() >= 2);
    }
}
