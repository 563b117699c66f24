package dev.vmtrace.samples.scenario.s1;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgItem;
import dev.vmtrace.engine.devices.pm.Ich9Pm;
import dev.vmtrace.engine.devices.pm.SmiFeatures;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.replay.Divergence;
import dev.vmtrace.replay.DivergenceKind;
import dev.vmtrace.replay.ReplayOptions;
import dev.vmtrace.replay.ReplayResult;
import dev.vmtrace.replay.Replayer;
import dev.vmtrace.replay.StateDiff;
import dev.vmtrace.samples.scenario.Expectation;
import dev.vmtrace.samples.scenario.Story;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResult;
import dev.vmtrace.samples.scenario.StoryTraces;
import dev.vmtrace.samples.scenario.VariantVerdict;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEventKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Story S1 (seed 001): broadcast SMI must be negotiated between firmware and QEMU over the fw_cfg
 * files {@code etc/smi/*}, which only some machine types offer. The workload (OVMF's negotiation:
 * read supported-features, DMA-write the request for broadcast SMI, select features-ok, then an
 * APM SMI) is recorded on pc-q35-7.2 and replayed on q35 machine types with and without the
 * feature; the negotiated state is read from the replayed snapshot. Then a VM that negotiated
 * broadcast SMI is migrated mid-replay to a release without the {@code ICH9LPC/smi_feat}
 * subsection, and to the first release with it.
 */
public final class S1SmiNegotiationStory implements Story {
    static final String WORKLOAD = "scenarios/S1/smi-broadcast.qtest";
    /** The machine types the negotiation is replayed on (all on QEMU 7.2.22). */
    static final List<String> MACHINES = List.of("pc-q35-2.8", "pc-q35-2.9", "pc-q35-5.1", "pc-q35-5.2", "pc-q35-7.2");
    /** The LPC section and the subsection that carries the negotiation. */
    static final String SECTION = "0000:00:1f.0/ICH9LPC";
    static final String SMI_FEAT = "ICH9LPC/smi_feat";
    static final String NEGOTIATED = SECTION + " > [" + SMI_FEAT + "] > smi_negotiated_features";
    static final String BROADCAST_ON = "ICH9-LPC.x-smi-broadcast=on";
    static final Release REFERENCE = Release.of(7, 2, 22);

    @Override
    public String id() {
        return "S1";
    }

    @Override
    public String title() {
        return "SMI feature negotiation over fw_cfg by machine type, and its migration subsection";
    }

    @Override
    public StoryResult run() throws BadInputException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vmtrace-s1");
            Path trace = dir.resolve("smi.vmtrace");
            long recorded = StoryTraces.recordRun(WORKLOAD, q35("pc-q35-7.2", List.of(), REFERENCE), trace).machine()
                    .device(Ich9Pm.class).smiFeatures().negotiated();
            GuestAccess supported = StoryTraces.access(trace, 0x511, 1);
            GuestAccess probe = StoryTraces.access(trace, 0xb1, 1);
            GuestAccess apmc = StoryTraces.access(trace, 0xb2, 1);
            List<VariantVerdict> verdicts = new ArrayList<>();
            List<StoryFinding> findings = new ArrayList<>();
            findings.add(StoryFinding.info("UNASSIGNED_READS_ALL_ONES", "pc-q35-7.2 on QEMU 7.2.22", "port 0xb1",
                    "an unassigned port reads all ones: a negotiation on a new port would have read every feature bit set,"
                            + " which is why the merged design uses fw_cfg files (a missing file is absent from the directory)",
                    String.format("seq %d: inb 0xb1 -> 0x%x", probe.seq(), probe.value())));
            for (String m : MACHINES) {
                String variant = m + " on QEMU 7.2.22";
                ReplayResult r = Replayer.replay(trace, ReplayOptions.of(q35(m, List.of(), REFERENCE)));
                List<StoryFinding> f = negotiation(variant, r, recorded, supported, apmc, keysWithoutFiles(m));
                findings.addAll(f);
                boolean broken = f.stream().anyMatch(StoryFinding::isError);
                verdicts.add(new VariantVerdict(variant, broken, broken ? "no broadcast SMI: " + f.get(0).message()
                        : "broadcast SMI negotiated (" + f.get(0).evidence() + ")"));
            }
            migrate(dir, Release.of(2, 8, 0), verdicts, findings);
            migrate(dir, Release.of(2, 9, 0), verdicts, findings);
            return Expectation.load(id()).judge(title(), verdicts, findings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            StoryTraces.deleteQuietly(dir);
        }
    }

    static MachineConfig q35(String machine, List<String> globals, Release release) {
        return MachineConfig.parse(machine + ",smm=on", "2,maxcpus=4", null, List.of(), globals, release, Accel.TCG, null);
    }

    /**
     * What the firmware negotiated on one machine type: the supported-features value the guest read,
     * the negotiated value from the snapshot taken after features-ok (the recording's
     * {@code recorded} unless the replayed snapshot differs there), and where the APM SMI went.
     */
    static List<StoryFinding> negotiation(String variant, ReplayResult r, long recorded, GuestAccess supported,
            GuestAccess apmc, String keys) {
        String read = String.format("0x%x", supported.value());
        // Unless the replay's SMI differs, it went where the recording's did.
        String smi = (recorded & SmiFeatures.BROADCAST) != 0 ? "all CPUs" : "the writing CPU";
        List<String> fwcfg = new ArrayList<>();
        for (Divergence d : r.divergences()) {
            if (d.kind() == DivergenceKind.READ_VALUE && d.seq() == supported.seq()) {
                read = d.actual();
            }
            if (d.kind() == DivergenceKind.EVENT_EXTRA && d.seq() == apmc.seq()) {
                smi = d.actual();
            }
            if (d.kind() == DivergenceKind.READ_VALUE) {
                fwcfg.add("seq " + d.seq() + " " + d.region() + ": " + d.expected() + " -> " + d.actual());
            }
        }
        String negotiated = String.format("0x%x", recorded);
        boolean sent = true;
        for (ReplayResult.Checkpoint c : r.checkpoints()) {
            if (!c.label().equals("marker:negotiated")) {
                continue;
            }
            for (StateDiff.Difference d : c.differences()) {
                if (d.path().contains("[" + SMI_FEAT + "]") && d.actual() == null) {
                    sent = false;
                } else if (d.path().equals(NEGOTIATED)) {
                    negotiated = d.actual();
                }
            }
        }
        List<StoryFinding> out = new ArrayList<>();
        long value = sent ? Long.decode(negotiated) : 0;
        String evidence = "supported-features byte 0 read " + read + ", requested 0x1, "
                + (sent ? "negotiated " + negotiated : "subsection not sent") + ", APM SMI to " + smi;
        if (read.equalsIgnoreCase("0xff")) {
            out.add(StoryFinding.error("ALL_ONES_READ_AS_FEATURES", variant, "etc/smi/supported-features",
                    "the supported-features read returned all ones, which firmware would take for every feature", evidence));
        }
        if ((value & 1) == 0) {
            out.add(0, StoryFinding.error("NO_BROADCAST_SMI", variant, SMI_FEAT,
                    "this machine type offers no SMI features: no etc/smi files, no " + SMI_FEAT
                            + " subsection, and the APM SMI reaches the writing CPU only", evidence));
            if (keys != null) {
                out.add(StoryFinding.info("SMI_FILES_ABSENT", variant, SmiFeatures.SUPPORTED_FILE,
                        "the fw_cfg directory has no etc/smi files, so firmware that looks the name up finds nothing and"
                                + " negotiates nothing; the replayed trace selects the keys recorded on pc-q35-7.2, which name"
                                + " other files here: fw_cfg reads give their bytes (or 0 past the end), never all ones as an"
                                + " unassigned port would, so no read is taken for a feature set",
                        keys + "; " + String.join("; ", fwcfg)));
            }
        } else {
            out.add(0, StoryFinding.info("SMI_NEGOTIATED", variant, NEGOTIATED,
                    "broadcast SMI negotiated; the snapshot's " + SMI_FEAT + " holds it", evidence));
        }
        return out;
    }

    /**
     * Null when machine type {@code m} has the SMI files; else what the keys pc-q35-7.2 gives them
     * select on {@code m} (the trace recorded those keys).
     */
    static String keysWithoutFiles(String m) {
        FwCfgDevice here = Machine.build(q35(m, List.of(), REFERENCE)).device(FwCfgDevice.class);
        if (here.file(SmiFeatures.SUPPORTED_FILE) != null) {
            return null;
        }
        FwCfgDevice recorded = Machine.build(q35("pc-q35-7.2", List.of(), REFERENCE)).device(FwCfgDevice.class);
        List<String> parts = new ArrayList<>();
        for (String name : List.of(SmiFeatures.SUPPORTED_FILE, SmiFeatures.REQUESTED_FILE, SmiFeatures.OK_FILE)) {
            int key = recorded.file(name).key();
            FwCfgItem other = here.item(key);
            parts.add(String.format("key 0x%x (%s on pc-q35-7.2) is %s here", key, name,
                    other == null ? "no item" : other.name() + " (" + other.size() + " bytes)"));
        }
        return String.join(", ", parts);
    }

    /**
     * A pc-q35-2.8 VM started with broadcast SMI switched on ({@value #BROADCAST_ON}) on QEMU
     * 7.2.22 negotiates it, then migrates mid-replay to {@code to}, started as QEMU of that release
     * would be (2.8 has no such property).
     */
    private static void migrate(Path dir, Release to, List<VariantVerdict> verdicts, List<StoryFinding> findings)
            throws IOException, BadInputException {
        MachineConfig src = q35("pc-q35-2.8", List.of(BROADCAST_ON), REFERENCE);
        Path trace = dir.resolve("smi-2.8.vmtrace");
        if (!Files.exists(trace)) {
            StoryTraces.record(WORKLOAD, src, trace);
        }
        long at = StoryTraces.hostEvent(trace, HostEventKind.MIGRATION_POINT);
        boolean knowsBroadcast = to.atLeast(2, 9, 0);
        MachineConfig dst = q35("pc-q35-2.8", knowsBroadcast ? List.of(BROADCAST_ON) : List.of(), to);
        ReplayResult r = Replayer.replay(trace, ReplayOptions.of(src).withMigration(at, dst));
        String variant = "pc-q35-2.8 " + BROADCAST_ON + ": QEMU 7.2.22 -> " + to.major() + "." + to.minor();
        ReplayResult.MigrationInfo mi = r.migration();
        String path = SECTION + " > " + SMI_FEAT;
        if (mi == null || !mi.loaded()) {
            String error = mi == null ? "no migration happened" : mi.error();
            findings.add(StoryFinding.error(error.contains(SMI_FEAT) ? "MIGRATION_SUBSECTION_UNKNOWN" : "MIGRATION_LOAD_FAILED",
                    variant, path, "the destination cannot represent the negotiated SMI features: it does not know the "
                            + SMI_FEAT + " subsection the source sends", error));
            verdicts.add(new VariantVerdict(variant, true, "load fails: " + error));
        } else {
            findings.add(StoryFinding.info("MIGRATION_LOADS", variant, path, "the destination loads the negotiated state",
                    "replay after the migration: " + r.verdict()));
            verdicts.add(new VariantVerdict(variant, !r.identical(), "loads; replay after the migration " + r.verdict()));
        }
    }
}
