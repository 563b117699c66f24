package dev.vmtrace.samples.scenario.s3;

import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.device.VirtualTime;
import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.devices.pcihp.PciHotplugPart;
import dev.vmtrace.engine.devices.pcihp.PciHotplugVariant;
import dev.vmtrace.engine.devices.pm.Piix4Pm;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.samples.scenario.Expectation;
import dev.vmtrace.samples.scenario.Story;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResources;
import dev.vmtrace.samples.scenario.StoryResult;
import dev.vmtrace.samples.scenario.StoryTraces;
import dev.vmtrace.samples.scenario.VariantVerdict;
import dev.vmtrace.replay.ReplayOptions;
import dev.vmtrace.replay.ReplayResult;
import dev.vmtrace.replay.Replayer;
import dev.vmtrace.trace.HostEventKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Story S3 (seed 003): the PIIX4 ACPI PCI hotplug race of 2012. One workload (a hot-add and a
 * hot-remove before the guest's GPE handler runs, then a removal still pending at reset) runs on
 * the device before the race fix, after it (QEMU 1.6) and on pcihp.c (QEMU 7.2.22); an oracle
 * tracks what the guest must learn from up/down. Then the pc machine migrates at the workload's
 * migration point from 1.6 to 7.2.22 and back, with the {@code up} field the source computes:
 * once by saving and loading {@code piix4_pm} with the state codec, once through the replayer
 * (record on one release, replay with a migration to the other).
 */
public final class S3PciHotplugStory implements Story {
    static final String WORKLOAD = "scenarios/S3/add-remove-before-gpe.qtest";
    /** The controller's base port on pc. */
    static final long BASE = 0xae00;
    static final long UP = BASE;
    static final long DOWN = BASE + 4;
    static final long EJECT = BASE + 8;
    static final String SECTION = "0000:00:01.3/piix4_pm";
    static final String UP_FIELD = SECTION + " > acpi_pci_hotplug.acpi_pcihp_pci_status[0x0].up";
    /** A machine type both releases have (bridge support off: the legacy-piix layout). */
    static final String MACHINE = "pc-i440fx-1.6";
    static final Release OLD = Release.of(1, 6, 0);
    static final Release NEW = Release.of(7, 2, 22);
    static final String PRE_FIX = "PIIX4 before the race fix (QEMU 1.0, device model)";

    @Override
    public String id() {
        return "S3";
    }

    @Override
    public String title() {
        return "PIIX4 ACPI PCI hotplug race: lost event, reset with a pending eject, the migrated up field";
    }

    @Override
    public StoryResult run() throws BadInputException {
        List<PcihpScript.Step> steps = PcihpScript.parse(WORKLOAD, StoryResources.text(WORKLOAD));
        List<VariantVerdict> verdicts = new ArrayList<>();
        List<StoryFinding> findings = new ArrayList<>();
        DeviceContext ctx = new DeviceContext(new VirtualTime(), new SplittableRandom(0), e -> { }, () -> -1);
        AcpiPciHotplug old = new AcpiPciHotplug(Piix4Pm.NAME, ctx, PciHotplugVariant.PRE_RACE_FIX, false, true,
                PciHotplugPart.I440FX_FIXED_SLOTS);
        old.reset();
        variant(PRE_FIX, steps, HotplugTarget.of(old), null, verdicts, findings);
        variant(label(OLD), steps, HotplugTarget.of(machine(OLD)), null, verdicts, findings);
        variant(label(NEW), steps, HotplugTarget.of(machine(NEW)), null, verdicts, findings);
        variant("migrate QEMU 1.6 -> 7.2.22", steps, null, new Release[] {OLD, NEW}, verdicts, findings);
        variant("migrate QEMU 7.2.22 -> 1.6", steps, null, new Release[] {NEW, OLD}, verdicts, findings);
        return Expectation.load(id()).judge(title(), verdicts, findings);
    }

    static String label(Release r) {
        return MACHINE + " on QEMU " + r.major() + "." + r.minor() + (r.micro() == 0 ? "" : "." + r.micro())
                + (PciHotplugVariant.of(r) == PciHotplugVariant.POST_RACE_FIX ? " (after the race fix)" : " (pcihp.c)");
    }

    static Machine machine(Release r) {
        return Machine.build(MachineConfig.parse(MACHINE, null, null, List.of(), List.of(), r, Accel.KVM, null));
    }

    /** Runs one variant (a target, or a migration from {@code migrate[0]} to {@code migrate[1]}). */
    private static void variant(String variant, List<PcihpScript.Step> steps, HotplugTarget target, Release[] migrate,
            List<VariantVerdict> verdicts, List<StoryFinding> findings) throws BadInputException {
        Run run = new Run(variant, migrate);
        run.target = target != null ? target : HotplugTarget.of(run.machine = machine(migrate[0]));
        run.execute(steps);
        if (migrate != null) {
            run.out.add(replayMigration(variant, migrate[0], migrate[1]));
        }
        findings.addAll(run.out);
        long errors = run.out.stream().filter(StoryFinding::isError).count();
        verdicts.add(new VariantVerdict(variant, errors > 0, errors == 0
                ? "the guest saw every hotplug event" + (migrate != null ? ", across the migration" : "")
                        + "; reset completed the pending eject"
                : errors + " problem(s), first: " + run.out.stream().filter(StoryFinding::isError).findFirst().get().message()));
    }

    /**
     * The same migration through the replayer: the workload recorded on {@code from}, replayed
     * with a migration at its migration point to {@code to} (the destination started with the
     * PCI devices hot-added so far), and compared access by access and snapshot by snapshot.
     */
    static StoryFinding replayMigration(String variant, Release from, Release to) throws BadInputException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vmtrace-s3");
            MachineConfig src = MachineConfig.parse(MACHINE, null, null, List.of(), List.of(), from, Accel.TCG, null);
            Path trace = StoryTraces.record(WORKLOAD, src, dir.resolve("pcihp.vmtrace"));
            long at = StoryTraces.hostEvent(trace, HostEventKind.MIGRATION_POINT);
            ReplayResult r = Replayer.replay(trace, ReplayOptions.of(src).withMigration(at,
                    MachineConfig.parse(MACHINE, null, null, List.of(), List.of(), to, Accel.TCG, null)));
            ReplayResult.MigrationInfo mi = r.migration();
            if (mi == null || !mi.loaded() || !r.identical()) {
                return StoryFinding.error("REPLAY_MIGRATION_DIVERGES", variant, SECTION,
                        "the replayed migration did not load, or the guest saw something else after it",
                        mi == null ? "no migration" : r.verdict() + (mi.loaded() ? "" : ": " + mi.error()));
            }
            return StoryFinding.info("REPLAY_MIGRATION_LOADS", variant, SECTION, "replayed with a migration at the"
                    + " migration point: the stream loads and every later read and snapshot matches the recording",
                    String.format("migration at #%d, %d-byte stream, %s", mi.atSeq(), mi.streamBytes(), r.verdict()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            StoryTraces.deleteQuietly(dir);
        }
    }

    /** One run of the workload with its oracle: what the guest must learn from up and down. */
    private static final class Run {
        final String variant;
        final Release[] migrate;
        final List<StoryFinding> out = new ArrayList<>();
        HotplugTarget target;
        Machine machine;
        long addedUnseen;
        long removedUnseen;
        long pendingEject;
        String history = "";

        Run(String variant, Release[] migrate) {
            this.variant = variant;
            this.migrate = migrate;
        }

        void execute(List<PcihpScript.Step> steps) throws BadInputException {
            for (PcihpScript.Step s : steps) {
                int slot = (int) s.arg();
                switch (s.op()) {
                    case ADD:
                        require(target.add(slot), s, "device_add refused");
                        addedUnseen |= 1L << slot;
                        history += " add " + slot;
                        break;
                    case DEL:
                        require(target.del(slot), s, "device_del refused");
                        removedUnseen |= 1L << slot;
                        pendingEject |= 1L << slot;
                        history += " del " + slot;
                        break;
                    case IN:
                        read(s, target.in(s.arg()));
                        break;
                    case OUT:
                        target.out(s.arg(), s.value());
                        if (s.arg() == EJECT && (s.value() & pendingEject) != 0) {
                            pendingEject &= ~Long.lowestOneBit(s.value() & pendingEject);
                        }
                        break;
                    case RESET:
                        reset(s);
                        break;
                    case SNAPSHOT:
                        out.add(StoryFinding.info("PCIHP_UP_FIELD", variant, UP_FIELD, "snapshot '" + s.label()
                                + "': the up field the saved state carries", String.format("up 0x%x after%s", target.savedUp(), history)));
                        break;
                    case MIGRATION_POINT:
                        if (migrate != null && !migrate(s)) {
                            return;
                        }
                        break;
                    default:
                        throw new IllegalStateException(s.op().name());
                }
            }
        }

        private void read(PcihpScript.Step s, long value) {
            long unseen = s.arg() == UP ? addedUnseen : s.arg() == DOWN ? removedUnseen : 0;
            String reg = s.arg() == UP ? "+0x0 up" : "+0x4 down";
            for (long lost = unseen & ~value; lost != 0; lost &= lost - 1) {
                int slot = Long.numberOfTrailingZeros(lost);
                out.add(StoryFinding.error("LOST_HOTPLUG_EVENT", variant, "acpi-pci-hotplug " + reg + ", slot " + slot,
                        (s.arg() == UP ? "the hot-add" : "the removal request") + " of slot " + slot
                                + " never reached the guest: a later event cleared up/down before its GPE handler ran",
                        String.format("line %d: inl 0x%x -> 0x%x after%s", s.line(), s.arg(), value, history)));
            }
            if (s.arg() == UP) {
                addedUnseen = 0;
            } else if (s.arg() == DOWN) {
                removedUnseen = 0;
            }
        }

        private void reset(PcihpScript.Step s) {
            target.reset();
            for (long p = pendingEject; p != 0; p &= p - 1) {
                int slot = Long.numberOfTrailingZeros(p);
                if (target.present(slot)) {
                    out.add(StoryFinding.error("PENDING_EJECT_NOT_FLUSHED", variant, "acpi-pci-hotplug +0x4 down, slot " + slot,
                            "the removal requested before the reset was not completed: the device stays, its down bit survives",
                            "line " + s.line() + ": reset after" + history));
                } else {
                    out.add(StoryFinding.info("RESET_FLUSHED_EJECT", variant, "acpi-pci-hotplug +0x4 down, slot " + slot,
                            "reset completed the pending removal", "line " + s.line() + ": reset after" + history));
                }
            }
            pendingEject = 0;
            removedUnseen = 0;
            addedUnseen = 0;
            history += " reset";
        }

        /** Saves piix4_pm on the source and loads it on a destination started with the same devices. */
        private boolean migrate(PcihpScript.Step s) {
            Piix4Pm src = machine.device(Piix4Pm.class);
            Machine dst = machine(migrate[1]);
            AcpiPciHotplug srcHp = machine.device(AcpiPciHotplug.class);
            for (int slot = 2; slot < 32; slot++) {
                if (srcHp.slotPresent(slot)) {
                    dst.device(AcpiPciHotplug.class).hotAdd(slot);
                }
            }
            Piix4Pm d = dst.device(Piix4Pm.class);
            long sent = srcHp.state().up(0);
            WireOutput w = new WireOutput();
            StateCodec.save(src.vmstate(), src.state(), w, JsonObject.builder());
            try {
                StateNode n = StateCodec.load(d.vmstate(), new WireInput(variant, w.toByteArray()), src.vmstate().versionId(),
                        d.state());
                d.restore(n);
            } catch (BadInputException e) {
                out.add(StoryFinding.error("MIGRATION_LOAD_FAILED", variant, SECTION, "the destination refuses the stream",
                        "line " + s.line() + ": " + e.getMessage()));
                return false;
            }
            machine = dst;
            target = HotplugTarget.of(dst);
            out.add(StoryFinding.info("MIGRATION_LOADS", variant, UP_FIELD, "the destination loads the stream; the"
                    + " guest's handler runs there", String.format("line %d: %d-byte piix4_pm section, sent up 0x%x,"
                    + " destination up 0x%x", s.line(), w.toByteArray().length, sent, target.savedUp())));
            return true;
        }

        private static void require(boolean ok, PcihpScript.Step s, String what) throws BadInputException {
            if (!ok) {
                throw BadInputException.atLine(WORKLOAD, s.line(), what);
            }
        }
    }
}
