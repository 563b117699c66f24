package dev.vmtrace.samples.scenario.s0;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.AccessPolicy;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.replay.Divergence;
import dev.vmtrace.replay.DivergenceKind;
import dev.vmtrace.replay.ReplayOptions;
import dev.vmtrace.replay.ReplayResult;
import dev.vmtrace.replay.Replayer;
import dev.vmtrace.samples.scenario.Expectation;
import dev.vmtrace.samples.scenario.Story;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResult;
import dev.vmtrace.samples.scenario.VariantVerdict;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Story S0 (seed 000): the legacy-to-modern ACPI CPU hotplug switch depends on access sizes. The
 * real OVMF boot trace of QEMU 7.2.22 (TCG) is imported and replayed under the three dispatch
 * policies (TCG strict, TCG lenient, KVM), before and after the 2023 fix of the legacy block's
 * valid sizes. Guest-visible divergences in the CPU hotplug blocks are the findings; access
 * shape differences alone (the same bytes reach the device in other pieces) are not.
 */
public final class S0CpuHotplugStory implements Story {
    static final String TRACE = "scenarios/S0/ovmf-q35-smp2-max4.devices.log.gz";

    /** Divergences the guest can see. */
    static final Set<DivergenceKind> GUEST_VISIBLE = EnumSet.of(DivergenceKind.DROPPED, DivergenceKind.NOT_DROPPED,
            DivergenceKind.READ_VALUE, DivergenceKind.UNASSIGNED);

    /** One way to run the guest. */
    record Variant(String name, String machine, String release, Accel accel, AccessPolicy policy) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("tcg-strict-before-fix", "pc-q35-5.1", "5.1", Accel.TCG, null),
            new Variant("tcg-lenient-before-fix", "pc-q35-5.0", "5.0", Accel.TCG, null),
            new Variant("kvm-before-fix", "pc-q35-5.1", "5.1", Accel.KVM, null),
            new Variant("tcg-strict-after-fix", "pc-q35-7.2", "7.2.22", Accel.TCG, null),
            new Variant("tcg-lenient-after-fix", "pc-q35-7.2", "7.2.22", Accel.TCG, AccessPolicy.LENIENT),
            new Variant("kvm-after-fix", "pc-q35-7.2", "7.2.22", Accel.KVM, null));

    @Override
    public String id() {
        return "S0";
    }

    @Override
    public String title() {
        return "ACPI CPU hotplug: legacy-to-modern switch and access sizes, TCG vs KVM";
    }

    @Override
    public StoryResult run() throws BadInputException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vmtrace-s0");
            Path trace = importTrace(dir.resolve("ovmf.vmtrace"));
            List<VariantVerdict> verdicts = new ArrayList<>();
            List<StoryFinding> findings = new ArrayList<>();
            for (Variant v : VARIANTS) {
                ReplayResult r = Replayer.replay(trace, ReplayOptions.of(config(v)));
                List<StoryFinding> f = findings(v, r);
                findings.addAll(f);
                verdicts.add(new VariantVerdict(v.name(), !f.isEmpty(), f.isEmpty()
                        ? "the guest sees what QEMU 7.2.22 showed (" + r.accesses() + " accesses, "
                                + r.readsCompared() + " reads compared)"
                        : f.size() + " guest-visible divergence(s) in the CPU hotplug block, first: " + f.get(0).evidence()));
            }
            return Expectation.load(id()).judge(title(), verdicts, findings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    static MachineConfig config(Variant v) {
        return MachineConfig.parse(v.machine() + ",smm=on", "2,maxcpus=4", "256M", List.of(), List.of(),
                Release.parse(v.release()), v.accel(), v.policy());
    }

    /**
     * Guest-visible divergences in the CPU hotplug blocks. A dropped read whose zero happens to be
     * what QEMU returned is the misleading one: "command data 2" reads 0 on a modern block, so the
     * guest concludes the switch worked although its write was dropped.
     */
    static List<StoryFinding> findings(Variant v, ReplayResult r) {
        List<StoryFinding> out = new ArrayList<>();
        Set<Long> valueDiffers = new java.util.HashSet<>();
        for (Divergence d : r.divergences()) {
            if (d.kind() == DivergenceKind.READ_VALUE) {
                valueDiffers.add(d.seq());
            }
        }
        for (Divergence d : r.divergences()) {
            if (!GUEST_VISIBLE.contains(d.kind()) || !d.region().startsWith("acpi-cpu-hotplug")) {
                continue;
            }
            String code = d.kind() == DivergenceKind.READ_VALUE ? "READ_VALUE_DIFFERS"
                    : d.kind() == DivergenceKind.DROPPED ? "DROPPED_ACCESS" : d.kind().code().toUpperCase().replace('-', '_');
            if (d.kind() == DivergenceKind.DROPPED && d.message().contains("-byte read dropped") && !valueDiffers.contains(d.seq())) {
                code = "MISLEADING_ZERO_READ";
            }
            int colon = d.message().indexOf(": ");
            String path = colon > 0 ? d.message().substring(0, colon) : d.region();
            out.add(StoryFinding.error(code, v.name(), path, d.message(),
                    "seq " + d.seq() + (d.expected().isEmpty() ? "" : ": QEMU 7.2.22 gave " + d.expected()
                            + ", replay gave " + d.actual())));
        }
        return out;
    }

    private static Path importTrace(Path trace) throws IOException, BadInputException {
        TraceHeader h = TraceHeader.of("vmtrace scenario S0", "pc-q35-7.2", "7.2.22", "tcg", 2,
                Map.of("source", "ovmf-q35-smp2-max4.devices.log.gz"));
        try (InputStream raw = S0CpuHotplugStory.class.getResourceAsStream("/" + TRACE)) {
            if (raw == null) {
                throw BadInputException.unreadable(TRACE, "missing bundled trace", null);
            }
            try (InputStream in = new GZIPInputStream(raw); TraceWriter w = TraceWriter.createFile(trace, h)) {
                new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22").importTo(in, TRACE, w);
            }
        }
        return trace;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
