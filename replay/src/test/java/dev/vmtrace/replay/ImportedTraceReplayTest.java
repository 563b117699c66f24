package dev.vmtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.FlatRange;
import dev.vmtrace.engine.memory.RegionKind;
import dev.vmtrace.engine.testing.RealQemu;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.Inputs;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real OVMF q35 boot trace (QEMU 7.2.22, TCG), imported and replayed (story S0). */
class ImportedTraceReplayTest {
    @TempDir
    static Path dir;
    static Path trace;

    @BeforeAll
    static void importTrace() throws Exception {
        Path log = RealQemu.realDir().resolve("trace/ovmf-q35-smp2-max4.devices.log.gz");
        trace = dir.resolve("ovmf.vmtrace");
        TraceHeader h = TraceHeader.of("vmtrace import qemu-log", "pc-q35-7.2", "7.2.22", "", 0,
                Map.of("source", log.getFileName().toString()));
        try (InputStream in = Inputs.open(log, null); TraceWriter w = TraceWriter.createFile(trace, h)) {
            new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22").importTo(in, log.toString(), w);
        }
    }

    private static MachineConfig ovmf(String machine, String release) {
        return MachineConfig.parse(machine + ",smm=on", "2,maxcpus=4", "256M", List.of(), List.of(),
                Release.parse(release), Accel.TCG, null);
    }

    /** Whether the engine models the CPU-hotplug block (not a placeholder). */
    private static boolean cpuHotplugModeled() {
        FlatRange r = Machine.build(ovmf("pc-q35-7.2", "7.2.22")).io().flatView().lookup(0xcd8);
        return r != null && r.region().kind() != RegionKind.UNMODELED;
    }

    @Test
    void release51TcgDropsTheLegacySwitchWrite() throws Exception {
        long seq = Workloads.seqOf(trace, 0xcd8, 4);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(ovmf("pc-q35-5.1", "5.1")));
        assertEquals("divergent", r.verdict());
        Divergence first = r.first().divergence();
        assertEquals(DivergenceKind.DROPPED, first.kind(), first::toString);
        assertEquals(seq, first.seq());
        assertTrue(first.message().startsWith("acpi-cpu-hotplug (legacy) +0x0"), first.message());
        assertTrue(first.message().endsWith("4-byte write dropped: invalid size (min:1 max:1) under strict TCG,"
                + " release 5.1"), first.message());
        assertTrue(r.first().at().contains("outl 0xcd8 <- 0x0 cpu 0 (inferred)"), r.first().at());
        assertTrue(r.unmodeled() > 0, "fw_cfg and other unmodeled regions are fed back, not compared");
    }

    @Test
    void release51TcgReportsTheDataReadsThatDiffer() throws Exception {
        Assumptions.assumeTrue(cpuHotplugModeled(), "needs the engine's CPU hotplug model");
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(ovmf("pc-q35-5.1", "5.1")));
        assertTrue(r.groups().containsKey("read-value"), r.groups()::toString);
        assertTrue(r.divergences().stream().anyMatch(d -> d.kind() == DivergenceKind.READ_VALUE
                && d.region().startsWith("acpi-cpu-hotplug")), () -> ReplayReport.text(r));
    }

    @Test
    void ownConfigurationPlacesThePmBlockAndComparesShapes() throws Exception {
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(ovmf("pc-q35-7.2", "7.2.22")));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("acpi-smi at 0x630")), r.notes()::toString);
        assertEquals(5013, r.accesses());
        assertTrue(r.readsCompared() > 500, "APM reads are modeled and compared");
        assertEquals(0, r.groups().getOrDefault("unassigned", Map.of()).size(), () -> ReplayReport.text(r));
        assertEquals(0, r.groups().getOrDefault("write-value", Map.of()).size(), "fwcfg.dma values swapped back");
        assertEquals(0, r.groups().getOrDefault("dropped", Map.of()).size(), () -> ReplayReport.text(r));
    }

    @Test
    void ownConfigurationIsIdenticalWithTheCpuHotplugModel() throws Exception {
        Assumptions.assumeTrue(cpuHotplugModeled(), "needs the engine's CPU hotplug model");
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(ovmf("pc-q35-7.2", "7.2.22")));
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
    }

    @Test
    void unfilteredHeadFeedsBackThePmTimerAndIsIdentical() throws Exception {
        Path log = RealQemu.realDir().resolve("trace/ovmf-q35-smp2-max4.head200k.log.gz");
        Path head = dir.resolve("head.vmtrace");
        TraceHeader h = TraceHeader.of("vmtrace import qemu-log", "pc-q35-7.2", "7.2.22", "", 0, Map.of());
        try (InputStream in = Inputs.open(log, null); TraceWriter w = TraceWriter.createFile(head, h)) {
            new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22").importTo(in, log.toString(), w);
        }
        ReplayResult r = Replayer.replay(head, ReplayOptions.of(ovmf("pc-q35-7.2", "7.2.22")));
        assertTrue(r.unmodeled() > 197_000, "PM timer reads fed back: " + r.unmodeled());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("read values of acpi-tmr")), r.notes()::toString);
        // The PCI configuration reads in the head (host bridge 00:00.0 and LPC 00:1f.0) are modeled.
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
        ReplayResult fed = Replayer.replay(head, ReplayOptions.of(ovmf("pc-q35-7.2", "7.2.22"))
                .withFeedBack(java.util.Set.of("pci-conf-data")));
        assertEquals("identical", fed.verdict(), () -> ReplayReport.text(fed));
    }

    /**
     * The capture's whole flash traffic (OVMF's variable store, QEMU's CFI pflash) replays identically
     * on a machine given the capture's images; without them the machine has the BIOS ROM, as QEMU
     * does, and the first flash write reaches unassigned memory.
     */
    @Test
    void theVariableStoreFlashTrafficReplaysWithTheCapturesImages() throws Exception {
        Path code = Path.of("/usr/share/OVMF/OVMF_CODE_4M.secboot.fd");
        Path vars = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
        Assumptions.assumeTrue(RealQemu.inCi() || java.nio.file.Files.isRegularFile(code)
                && java.nio.file.Files.isRegularFile(vars), "OVMF images not installed");
        Path log = RealQemu.realDir().resolve("trace/ovmf-q35-smp2-max4.pflash.log.gz");
        Path flash = dir.resolve("pflash.vmtrace");
        TraceHeader h = TraceHeader.of("vmtrace import qemu-log", "pc-q35-7.2", "7.2.22", "", 0, Map.of());
        try (InputStream in = Inputs.open(log, null); TraceWriter w = TraceWriter.createFile(flash, h)) {
            new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22").importTo(in, log.toString(), w);
        }
        MachineConfig withImages = MachineConfig.parse("pc-q35-7.2,smm=on,pflash0=" + code
                + ",pflash0-readonly=on,pflash1=" + vars, "2,maxcpus=4", "256M", List.of(), List.of(),
                Release.parse("7.2.22"), Accel.TCG, null);
        ReplayResult r = Replayer.replay(flash, ReplayOptions.of(withImages));
        assertEquals(31_657, r.accesses());
        assertEquals(1, r.readsCompared(), "the one status read after OVMF's probe");
        assertEquals("identical", r.verdict(), () -> ReplayReport.text(r));
        ReplayResult bios = Replayer.replay(flash, ReplayOptions.of(ovmf("pc-q35-7.2", "7.2.22")));
        assertEquals("divergent", bios.verdict());
        assertTrue(bios.first().divergence().message().startsWith("unassigned +0xffc00010"),
                bios.first().divergence()::message);
    }
}
