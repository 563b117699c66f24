package dev.vmtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.AccessPolicy;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplayerTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"apm-unassigned,pc-q35-7.2", "apm-unassigned,pc-i440fx-7.2", "cpuhp-negotiation,pc-q35-7.2",
        "policy-shapes,pc-q35-7.2"})
    void recordedWorkloadReplaysIdenticallyOnItsOwnConfig(String workload, String machine) throws Exception {
        MachineConfig c = Workloads.config(machine, "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, workload, c);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(c));
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
        assertEquals(0, r.divergenceCount());
        assertTrue(r.accesses() > 5);
        assertEquals(r.readsCompared(), r.readsMatching());
    }

    @Test
    void snapshotsAreComparedAtEveryCheckpoint() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        ReplayResult r = Replayer.replay(Workloads.record(dir, "apm-unassigned", c), ReplayOptions.of(c));
        assertEquals(2, r.checkpoints().size());
        assertEquals("marker:start", r.checkpoints().get(0).label());
        assertTrue(r.checkpoints().get(1).differences().isEmpty());
    }

    @Test
    void lenientPolicyDeliversTheByteReadStrictDropped() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "policy-shapes", c);
        long seq = Workloads.seqOf(trace, 0xcc0, 1);
        MachineConfig lenient = new MachineConfig(c.machine(), c.machineOptions(), c.cpus(), c.maxCpus(),
                c.memoryBytes(), c.devices(), c.globals(), c.release(), c.accel(), AccessPolicy.LENIENT);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(lenient));
        assertEquals("divergent", r.verdict());
        Divergence first = r.first().divergence();
        assertEquals(DivergenceKind.NOT_DROPPED, first.kind(), first::toString);
        assertEquals(seq, first.seq());
        assertEquals("acpi-pci-hotplug", first.region());
        // inb 0xcc0, inw 0xcc4, outb 0xcc8: three accesses strict drops and lenient delivers.
        assertEquals(3L, r.groups().get("not-dropped").get("acpi-pci-hotplug"));
    }

    @Test
    void legacyCpuHotplugSwitchIsDroppedOnRelease51Tcg() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-5.1", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "cpuhp-negotiation", c);
        long seq = Workloads.seqOf(trace, 0xcd8, 4);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(Workloads.config("pc-q35-5.1", "5.1", Accel.TCG)));
        Divergence first = r.first().divergence();
        assertEquals(DivergenceKind.DROPPED, first.kind(), first::toString);
        assertEquals(seq, first.seq());
        // "+0x0" may be followed by the register name when the legacy block has a register map.
        assertTrue(first.message().startsWith("acpi-cpu-hotplug (legacy) +0x0"), first.message());
        assertTrue(first.message().endsWith(": 4-byte write dropped: invalid size (min:1 max:1) under strict TCG,"
                + " release 5.1"), first.message());
        assertNotNull(r.first().at());
        assertTrue(r.first().at().contains("outl 0xcd8 <- 0x0"), r.first().at());
    }

    @Test
    void legacyCpuHotplugSwitchStillSplitsOnRelease51Kvm() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "cpuhp-negotiation", c);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(Workloads.config("pc-q35-5.1", "5.1", Accel.KVM)));
        assertEquals(0, r.groups().getOrDefault("dropped", java.util.Map.of()).size(), () -> ReplayReport.text(r));
    }

    @Test
    void contextHasNEventsBeforeAndAfter() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-5.1", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "cpuhp-negotiation", c);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(Workloads.config("pc-q35-5.1", "5.1", Accel.TCG))
                .withContext(3));
        assertTrue(r.first().before().size() <= 3 && !r.first().before().isEmpty(), r.first().before()::toString);
        assertEquals(3, r.first().after().size());
    }

    @Test
    void corruptTraceIsBadInput() throws Exception {
        Path bad = dir.resolve("garbage.vmtrace");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        assertThrows(BadInputException.class, () -> Replayer.replay(bad, ReplayOptions.of(c)));
    }

    @Test
    void truncatedTraceIsBadInputOrReplaysWhatIsLeft() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "apm-unassigned", c);
        byte[] all = Files.readAllBytes(trace);
        Path cut = dir.resolve("cut.vmtrace");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        try {
            ReplayResult r = Replayer.replay(cut, ReplayOptions.of(c));
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("incomplete")), r.notes()::toString);
        } catch (BadInputException expected) {
            assertNotNull(expected.source());
        }
    }
}
