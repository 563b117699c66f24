package dev.vmtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateMatrixBisectTest {
    @TempDir
    Path dir;

    private static long migrationPoint(Path trace) throws Exception {
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                if (e instanceof HostEvent && ((HostEvent) e).kind() == HostEventKind.MIGRATION_POINT) {
                    return e.seq();
                }
            }
        }
        throw new AssertionError("no migration point");
    }

    @Test
    void migrateMidReplayRoundTripStaysIdentical() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "apm-unassigned", c);
        long at = migrationPoint(trace);
        MachineConfig to = Workloads.config("pc-q35-7.2", "7.2.0", Accel.KVM);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(c).withMigration(at, to));
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
        assertNotNull(r.migration());
        assertTrue(r.migration().loaded());
        assertEquals(at, r.migration().atSeq());
        assertTrue(r.migration().to().contains("release 7.2.0 kvm"), r.migration().to());
        // The snapshot after the migration point was compared on the destination.
        assertTrue(r.checkpoints().stream().anyMatch(cp -> cp.seq() > at));
    }

    @Test
    void apmStateTravelsWithTheMigration() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "apm-unassigned", c);
        long at = Workloads.seqOf(trace, 0xb2, 2);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(c).withMigration(at, c));
        assertTrue(r.migration().loaded());
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
    }

    @Test
    void fedBackRegionsAreComparedOnShapeOnly() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "cpuhp-negotiation", c);
        MachineConfig r51 = Workloads.config("pc-q35-5.1", "5.1", Accel.TCG);
        ReplayResult plain = Replayer.replay(trace, ReplayOptions.of(r51));
        ReplayResult fed = Replayer.replay(trace, ReplayOptions.of(r51)
                .withFeedBack(java.util.Set.of("acpi-cpu-hotplug")));
        assertFalse(fed.groups().containsKey("read-value"), fed.groups()::toString);
        assertEquals(plain.groups().get("dropped"), fed.groups().get("dropped"));
        assertTrue(fed.unmodeled() > plain.unmodeled());
        assertTrue(fed.notes().stream().anyMatch(n -> n.contains("fed back")), fed.notes()::toString);
    }

    @Test
    void migrationToAnotherMachineTypeFailsInTheConfigurationSection() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "apm-unassigned", c);
        long at = migrationPoint(trace);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(c)
                .withMigration(at, Workloads.config("pc-i440fx-7.2", "7.2.22", Accel.TCG)));
        assertEquals("divergent", r.verdict());
        assertFalse(r.migration().loaded());
        assertEquals("configuration", r.migration().section());
        Divergence d = r.first().divergence();
        assertEquals(DivergenceKind.MIGRATION_LOAD, d.kind());
        assertEquals(at, d.seq());
        assertTrue(d.message().contains("Machine type received is 'pc-q35-7.2' and local is 'pc-i440fx-7.2'"),
                d.message());
    }

    @Test
    void matrixGivesTheExpectedCells() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "cpuhp-negotiation", c);
        ReplayMatrix.Result m = ReplayMatrix.run(trace, TraceTarget.HEADER,
                ReplayMatrix.parse(List.of("release=5.0,5.1,7.2.22", "accel=tcg,kvm")), 2, 2);
        assertEquals(6, m.cells().size());
        Map<String, ReplayMatrix.Cell> cells = new HashMap<>();
        for (ReplayMatrix.Cell cell : m.cells()) {
            cells.put(cell.settings().get("release") + "/" + cell.settings().get("accel"), cell);
        }
        assertEquals("identical", cells.get("7.2.22/tcg").verdict());
        assertEquals("divergent", cells.get("5.1/tcg").verdict());
        assertEquals(DivergenceKind.DROPPED, cells.get("5.1/tcg").result().first().divergence().kind());
        assertTrue(cells.get("5.1/tcg").result().target().startsWith("pc-q35-5.1 "), "same family on 5.1");
        assertEquals(DivergenceKind.SPLIT, cells.get("5.0/tcg").result().first().divergence().kind());
        assertEquals(0, cells.get("5.0/tcg").result().guestVisibleCount(), "lenient TCG: shape only");
        assertTrue(cells.get("5.1/tcg").result().guestVisibleCount() > 0);
        for (String kvm : new String[] {"5.0/kvm", "5.1/kvm", "7.2.22/kvm"}) {
            assertEquals(0, cells.get(kvm).result().groups().getOrDefault("dropped", Map.of()).size(), kvm);
        }
        assertEquals("divergent", m.verdict());
        String html = MatrixReport.html(m);
        assertTrue(html.contains("release=5.1"));
        assertTrue(MatrixReport.json(m).contains("\"cells\""));
        assertEquals(6, MatrixReport.junit(m).split("<testsuite ", -1).length - 1);
    }

    @Test
    void matrixMachineAxisKeepsMachineOptionsTogether() {
        List<ReplayMatrix.Axis> axes = ReplayMatrix.parse(List.of("machine=pc-q35-7.2,smm=on,pc-i440fx-7.2"));
        assertEquals(List.of("pc-q35-7.2,smm=on", "pc-i440fx-7.2"), axes.get(0).values());
    }

    @Test
    void bisectFindsRelease51AsFirstDivergentFrom27() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "cpuhp-negotiation", c);
        Bisect.Result r = Bisect.run(trace, TraceTarget.HEADER, Release.parse("2.7"), Release.parse("7.2.22"), dir);
        assertEquals("5.1", r.firstBad(), r.steps()::toString);
        assertTrue(r.firstDivergence().contains("[dropped]"), r.firstDivergence());
        assertTrue(r.steps().size() <= 4, "bisected, not scanned: " + r.steps());
    }

    @Test
    void bisectWithNoChangeReportsNone() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "apm-unassigned", c);
        Bisect.Result r = Bisect.run(trace, TraceTarget.HEADER, Release.parse("5.1"), Release.parse("7.2.22"), dir);
        assertEquals(null, r.firstBad());
    }

    @Test
    void matrixCellsTakeFedBackRegionsFromTheTrace() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "apm-unassigned", c);
        List<ReplayMatrix.Axis> axes = ReplayMatrix.parse(List.of("accel=tcg,kvm"));
        ReplayMatrix.Result plain = ReplayMatrix.run(trace, TraceTarget.HEADER, axes, 2, 2);
        ReplayMatrix.Result fed = ReplayMatrix.run(trace, TraceTarget.HEADER, axes, 2, java.util.Set.of("apm-io"), 2);
        for (int i = 0; i < plain.cells().size(); i++) {
            assertTrue(fed.cells().get(i).result().unmodeled() > plain.cells().get(i).result().unmodeled(),
                    "apm-io reads fed back in cell " + fed.cells().get(i).settings());
        }
    }

    @Test
    void migrateAtPastTheEndSaysNothingWasMigrated() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "apm-unassigned", c);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(c).withMigration(1_000_000, c));
        assertEquals(null, r.migration());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("past the last event")), r.notes()::toString);
    }
}
