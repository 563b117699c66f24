package dev.vmtrace.replay;

import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.GpeEvent;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.SmiRaised;
import dev.vmtrace.trace.StateSnapshot;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a trace's guest accesses, host events and injected time through a fresh engine and
 * compares, access by access: the read values, the device-level shape (split, widened, dropped,
 * unassigned, which region), the values handed to devices, the device events (SMI, GPE), and
 * the state snapshots field by field. Optionally migrates to another engine mid-replay.
 *
 * <p>Single-threaded; one instance per replay. Bad trace input surfaces as
 * {@link BadInputException}.
 */
public final class Replayer {
    private final ReplayOptions options;
    private final Divergences out;
    private final AccessComparator comparator;
    private final List<ReplayResult.Checkpoint> checkpoints = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ContextRing ring;
    private RegionDefined[] regions = new RegionDefined[256];
    private final java.util.function.IntFunction<RegionDefined> regionLookup = this::region;
    private EngineRun run;
    private MachineConfig current;
    private ReplayResult.MigrationInfo migration;
    private boolean compareEvents;
    private boolean injectTime;
    private boolean inferPlacement;
    private long events;
    private String traceName = "trace";
    private java.util.Set<String> feedBack;
    /** CPUs hot-added so far: a migration destination is started with them, as QEMU's must be. */
    private final java.util.Set<Integer> hotAdded = new java.util.TreeSet<>();
    private final java.util.Set<Long> pciAdded = new java.util.TreeSet<>();
    private java.util.Set<StateDiff.Difference> baseline;
    private TraceHeader header;
    private long configurationDiffs;
    /** Snapshot sections only one side has (devices the other machine lacks). */
    private final java.util.Set<String> oneSided = new java.util.TreeSet<>();
    private boolean sawPciConfig;
    private boolean stopped;

    // The pending step: a guest access (with the dispatches and device events that follow it)
    // or a host event (with the device events that follow it).
    private GuestAccess access;
    private HostEvent host;
    private final List<Dispatch> dispatches = new ArrayList<>();
    private final List<TraceEvent> deviceEvents = new ArrayList<>();

    /** A replayer with {@code options}. */
    public Replayer(ReplayOptions options) {
        this.options = options;
        this.ring = new ContextRing(options.context());
        this.out = new Divergences(options.maxStored(), ring, this::region);
        this.comparator = new AccessComparator(out);
    }

    /** Replays the trace at {@code path}. */
    public static ReplayResult replay(Path path, ReplayOptions options) throws BadInputException {
        try (TraceReader r = TraceReader.open(path)) {
            return new Replayer(options).run(r, path.getFileName().toString());
        }
    }

    /** Replays everything {@code reader} yields; {@code name} names the trace in the result. */
    public ReplayResult run(TraceReader reader, String name) throws BadInputException {
        TraceHeader h = reader.header();
        traceName = name;
        header = h;
        String creator = h.creator();
        compareEvents = "1".equals(h.options().get(Recorder.OPT_DEVICE_EVENTS));
        injectTime = "1".equals(h.options().get(Recorder.OPT_VIRTUAL_TIME));
        inferPlacement = creator.startsWith("vmtrace import")
                || "inferred".equals(h.options().get(Recorder.OPT_PLACEMENT));
        current = options.config();
        run = new EngineRun(current);
        comparator.target(run, current);
        comparator.deviceSideValues(creator.startsWith("vmtrace import qemu-log"));
        feedBack = new java.util.HashSet<>(options.feedBack());
        comparator.feedBack(feedBack);
        if (!h.complete()) {
            notes.add("the trace was not closed cleanly (incomplete): replayed up to its last complete chunk");
        }
        while (!stopped && reader.hasNext()) {
            TraceEvent e = reader.next();
            events++;
            if (options.migrateAt() >= 0 && migration == null && e.seq() >= options.migrateAt()
                    && !(e instanceof Dispatch) && !isDeviceEvent(e)) {
                finishStep();
                migrate(e.seq());
                if (stopped) {
                    break;
                }
            }
            ring.add(e);
            handle(e);
        }
        finishStep();
        ring.finish();
        if (options.migrateAt() >= 0 && migration == null && !stopped) {
            notes.add("--migrate-at " + options.migrateAt() + " is past the last event of the trace: no migration happened");
        }
        if (configurationDiffs > 0) {
            notes.add(configurationDiffs + " snapshot field difference(s) not counted: fresh machines of the recorded "
                    + "and the replayed configuration already differ there (machine type or release, not behaviour)");
        }
        if (!oneSided.isEmpty()) {
            notes.add("snapshot sections not compared (the device exists on one machine only): "
                    + String.join(", ", oneSided));
        }
        if (comparator.fedBack > 0) {
            notes.add(comparator.fedBack + " read(s) of " + String.join(", ", new java.util.TreeSet<>(feedBack))
                    + " fed back from the trace (counted as unmodeled)");
        }
        String recorded = h.machineType() + (h.release().isEmpty() ? "" : " release " + h.release())
                + (h.accelerator().isEmpty() ? "" : " " + h.accelerator());
        return new ReplayResult(name, describe(options.config()), recorded, events, comparator.accesses,
                comparator.readsCompared, comparator.readsMatching, comparator.unmodeled, out.count(), out.stored(),
                out.first(), out.groups(), checkpoints, migration, notes);
    }

    /** {@code pc-q35-7.2 release 5.1 tcg strict}. */
    public static String describe(MachineConfig c) {
        StringBuilder sb = new StringBuilder(c.machine());
        c.machineOptions().forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
        return sb.append(" release ").append(c.release()).append(' ')
                .append(c.accel().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(c.policy().name().toLowerCase(java.util.Locale.ROOT)).toString();
    }

    private void handle(TraceEvent e) throws BadInputException {
        if (e instanceof Dispatch) {
            if (access != null) {
                dispatches.add((Dispatch) e);
            }
            return;
        }
        if (isDeviceEvent(e)) {
            if (access != null || host != null) {
                deviceEvents.add(e);
            }
            return;
        }
        if (e instanceof RegionDefined) {
            RegionDefined r = (RegionDefined) e;
            if (r.id() >= regions.length) {
                regions = java.util.Arrays.copyOf(regions, Math.max(r.id() + 1, regions.length * 2));
            }
            regions[r.id()] = r;
            if (r.name().startsWith("pci-conf")) {
                sawPciConfig = true;
            }
            if (inferPlacement && !sawPciConfig) {
                // A register whose behaviour PCI configuration writes change (SMI_EN, locked by
                // the LPC's SMI_LOCK) cannot be predicted from a trace filtered without them.
                String dep = ConfigGaps.DEPENDS_ON_PCI_CONFIG.get(r.name());
                if (dep != null && feedBack.add(r.name())) {
                    notes.add("read values of " + r.name() + " are taken from the trace: the trace has no PCI "
                            + "configuration accesses, and " + dep);
                }
            }
            if (inferPlacement && !injectTime) {
                String why = ConfigGaps.TIME_DEPENDENT.get(r.name());
                if (why != null && feedBack.add(r.name())) {
                    notes.add("read values of " + r.name() + " are taken from the trace: " + why);
                }
            }
            if (inferPlacement) {
                String placed = Placement.place(run.machine(), r);
                if (placed != null) {
                    notes.add(placed);
                }
            }
            return;
        }
        if (e instanceof GuestAccess) {
            finishStep();
            access = (GuestAccess) e;
            if (Integer.bitCount(access.size()) != 1) {
                throw BadInputException.unreadable(traceName, "event #" + access.seq() + ": access size "
                        + access.size() + " is not 1, 2, 4 or 8", null);
            }
            if (injectTime) {
                run.clockSet(access.time());
            }
            return;
        }
        if (e instanceof HostEvent) {
            finishStep();
            host = (HostEvent) e;
            return;
        }
        if (e instanceof StateSnapshot) {
            finishStep();
            snapshot((StateSnapshot) e);
        }
        // Opaque QEMU trace events and fw_cfg file entries are context only.
    }

    private static boolean isDeviceEvent(TraceEvent e) {
        return e instanceof SmiRaised || e instanceof GpeEvent
                || (e instanceof QemuTraceEvent && ((QemuTraceEvent) e).name().equals(Recorder.DEVICE_EVENT));
    }

    private RegionDefined region(int id) {
        return id >= 0 && id < regions.length ? regions[id] : null;
    }

    /** Runs and compares the pending step. */
    private void finishStep() {
        if (access != null) {
            comparator.compare(access, dispatches, regionLookup);
            if (compareEvents) {
                compareDeviceEvents(access.seq(), run.events());
            }
        } else if (host != null) {
            run.beginOther();
            applyHost(host);
            if (compareEvents) {
                compareDeviceEvents(host.seq(), run.events());
            }
        }
        access = null;
        host = null;
        dispatches.clear();
        deviceEvents.clear();
    }

    private void applyHost(HostEvent h) {
        switch (h.kind()) {
            case RESET:
                run.reset();
                break;
            case CLOCK_STEP:
                run.clockStep(h.argument());
                break;
            case CLOCK_SET:
                run.clockSet(h.argument());
                break;
            case MIGRATION_POINT:
                break;
            case CPU_HOT_ADD:
            case CPU_HOT_REMOVE:
                if (h.argument() >= 0 && h.argument() <= Integer.MAX_VALUE
                        && run.cpuHotplug(h.kind() == HostEventKind.CPU_HOT_ADD, (int) h.argument())) {
                    if (h.kind() == HostEventKind.CPU_HOT_ADD) {
                        hotAdded.add((int) h.argument());
                    }
                    break;
                }
                out.add(new Divergence(DivergenceKind.HOST_EVENT, h.seq(), "acpi-cpu-hotplug", "host event "
                        + h.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + h.argument()
                        + " refused by this engine (no CPU hotplug controller, CPU absent/present, or legacy mode)",
                        "applied", "refused"));
                break;
            case PCI_HOT_ADD:
            case PCI_HOT_REMOVE:
                if (run.pciHotplug(h.kind() == HostEventKind.PCI_HOT_ADD, h.argument())) {
                    if (h.kind() == HostEventKind.PCI_HOT_ADD) {
                        pciAdded.add(h.argument());
                    }
                    break;
                }
                out.add(new Divergence(DivergenceKind.HOST_EVENT, h.seq(), "acpi-pci-hotplug", "host event "
                        + h.kind().name().toLowerCase(java.util.Locale.ROOT) + String.format(" 0x%x", h.argument())
                        + " refused by this engine (no PCI hotplug controller, slot occupied or empty)",
                        "applied", "refused"));
                break;
            default:
                out.add(new Divergence(DivergenceKind.HOST_EVENT, h.seq(), "-", "host event "
                        + h.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + h.argument()
                        + " cannot be applied: the engine has no model for it", h.kind().name(), "not applied"));
        }
    }

    private void compareDeviceEvents(long seq, List<DeviceEvent> actual) {
        if (deviceEvents.isEmpty() && actual.isEmpty()) {
            return;
        }
        List<String> want = new ArrayList<>();
        for (TraceEvent e : deviceEvents) {
            want.add(DeviceEvents.key(e));
        }
        List<String> got = new ArrayList<>();
        for (DeviceEvent d : actual) {
            got.addAll(DeviceEvents.keys(d));
        }
        List<String> missing = new ArrayList<>(want);
        for (String g : got) {
            missing.remove(g);
        }
        List<String> extra = new ArrayList<>(got);
        for (String w : want) {
            extra.remove(w);
        }
        for (String m : missing) {
            out.add(new Divergence(DivergenceKind.EVENT_MISSING, seq, "-", m + " did not happen on replay", m, ""));
        }
        for (String x : extra) {
            out.add(new Divergence(DivergenceKind.EVENT_EXTRA, seq, "-", x + " happened only on replay", "", x));
        }
    }

    private void snapshot(StateSnapshot s) throws BadInputException {
        byte[] actual = MachineStreams.save(run.machine());
        List<StateDiff.Difference> diffs = StateDiff.compare(StateDiff.flatten(s.stream().toByteArray(),
                "trace snapshot"), StateDiff.flatten(actual, "replay snapshot"), oneSided);
        java.util.Set<StateDiff.Difference> base = baseline();
        int before = diffs.size();
        diffs = new ArrayList<>(diffs);
        diffs.removeIf(base::contains);
        configurationDiffs += before - diffs.size();
        checkpoints.add(new ReplayResult.Checkpoint(s.seq(), s.label(), diffs));
        for (StateDiff.Difference d : diffs) {
            int cut = d.path().indexOf(" > ");
            String section = cut < 0 ? d.path() : d.path().substring(0, cut);
            out.add(new Divergence(DivergenceKind.STATE, s.seq(), section, "snapshot '" + s.label() + "': "
                    + d.path() + " is " + (d.actual() == null ? "missing" : d.actual()) + " on replay, "
                    + (d.expected() == null ? "absent" : d.expected()) + " in the trace",
                    d.expected() == null ? "(absent)" : d.expected(), d.actual() == null ? "(absent)" : d.actual()));
        }
    }

    /**
     * The state differences between fresh (power-on) machines of the recorded configuration and
     * the replayed one: differences of configuration, which snapshots do not count. Empty when
     * the trace does not describe its configuration (imported traces) or it cannot be built.
     */
    private java.util.Set<StateDiff.Difference> baseline() {
        if (baseline != null) {
            return baseline;
        }
        baseline = new java.util.HashSet<>();
        if (!header.creator().equals(Recorder.CREATOR)) {
            return baseline;
        }
        try {
            baseline.addAll(MachineStreams.freshDifferences(TraceTarget.HEADER.resolve(header), options.config()));
        } catch (RuntimeException | BadInputException e) {
            notes.add("no configuration baseline for snapshots: " + e.getMessage());
        }
        return baseline;
    }

    private void migrate(long seq) {
        MachineConfig to = options.migrateTo();
        byte[] stream = MachineStreams.save(run.machine());
        EngineRun dest = new EngineRun(to);
        if (inferPlacement) {
            for (RegionDefined r : regions) {
                if (r != null) {
                    Placement.place(dest.machine(), r);
                }
            }
        }
        for (int cpu : hotAdded) {
            // The destination is started with every CPU the source has (-device on its command line).
            dest.cpuHotplug(true, cpu);
        }
        for (long devfn : pciAdded) {
            dest.pciHotplug(true, devfn);
        }
        dest.beginOther();
        try {
            MachineStreams.load(dest.machine(), stream, "stream saved at seq " + seq);
        } catch (MigrationLoadException e) {
            migration = new ReplayResult.MigrationInfo(seq, describe(current), describe(to), stream.length, false,
                    e.section(), e.getMessage());
            out.add(new Divergence(DivergenceKind.MIGRATION_LOAD, seq, e.section(), "migration " + describe(current)
                    + " -> " + describe(to) + " failed to load in section '" + e.section() + "': " + e.getMessage(),
                    "loads", e.getMessage()));
            notes.add("replay stopped at seq " + seq + ": the destination refused the migration stream");
            stopped = true;
            return;
        }
        migration = new ReplayResult.MigrationInfo(seq, describe(current), describe(to), stream.length, true, null,
                null);
        notes.add("migrated at seq " + seq + " (" + stream.length + "-byte stream) to " + describe(to));
        run = dest;
        current = to;
        comparator.target(run, current);
    }
}
