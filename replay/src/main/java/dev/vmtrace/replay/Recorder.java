package dev.vmtrace.replay;

import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.DispatchKind;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.ImmutableBytes;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.StateSnapshot;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records an engine run into a trace: every guest access with the device-level dispatches it
 * became (outcome included), the device events it raised, host events, injected virtual time
 * and state snapshots (QEMU-format streams). Regions enter the trace's region table the first
 * time a dispatch reaches them, with their base, size and access rules.
 */
public final class Recorder {
    /** Header option: the trace records device events (SMI, GPE...), so replay compares them. */
    public static final String OPT_DEVICE_EVENTS = "device-events";
    /** Header option: event times are engine virtual time, so replay injects them. */
    public static final String OPT_VIRTUAL_TIME = "virtual-time";
    /** Name of the trace event that records a device event other than SMI and GPE. */
    public static final String DEVICE_EVENT = "vmtrace_device_event";
    /** The creator string of recorded traces. */
    public static final String CREATOR = "vmtrace record";

    private final TraceWriter w;
    private final EngineRun run;
    private final Map<Long, Integer> ids = new HashMap<>();
    private int nextId = 1;
    private long snapshotEvery;
    private long sinceSnapshot;
    private int snapshots;

    /** A recorder writing {@code run}'s activity to {@code w}. */
    public Recorder(TraceWriter w, EngineRun run) {
        this.w = w;
        this.run = run;
    }

    /** Header option: region placements are inferred from the trace (see {@link Placement}). */
    public static final String OPT_PLACEMENT = "placement";

    /** The header for recording {@code c} running {@code workload}. */
    public static TraceHeader header(MachineConfig c, String workload) {
        return header(c, workload, Map.of());
    }

    /** The header for recording {@code c} running {@code workload}, with {@code extra} options. */
    public static TraceHeader header(MachineConfig c, String workload, Map<String, String> extra) {
        Map<String, String> o = new TreeMap<>(extra);
        StringBuilder m = new StringBuilder(c.machine());
        c.machineOptions().forEach((k, v) -> m.append(',').append(k).append('=').append(v));
        o.put("machine", m.toString());
        o.put("smp", c.cpus() + ",maxcpus=" + c.maxCpus());
        o.put("memory", c.memoryBytes() + "B");
        if (c.policyOverride() != null) {
            o.put("access-policy", c.policyOverride().name().toLowerCase(Locale.ROOT));
        }
        if (!c.devices().isEmpty()) {
            StringBuilder d = new StringBuilder();
            c.devices().forEach(x -> {
                d.append(d.length() == 0 ? "" : ";").append(x.driver());
                x.properties().forEach((k, v) -> d.append(',').append(k).append('=').append(v));
            });
            o.put("device", d.toString());
        }
        if (!c.globals().isEmpty()) {
            StringBuilder g = new StringBuilder();
            c.globals().forEach(x -> g.append(g.length() == 0 ? "" : ";").append(x.driver()).append('.')
                    .append(x.property()).append('=').append(x.value()));
            o.put("global", g.toString());
        }
        o.put("workload", workload);
        o.put(OPT_DEVICE_EVENTS, "1");
        o.put(OPT_VIRTUAL_TIME, "1");
        return TraceHeader.of(CREATOR, c.machine(), c.release().toString(), c.accel().name().toLowerCase(Locale.ROOT),
                c.cpus(), o);
    }

    /** Takes a periodic snapshot after every {@code n} guest accesses (0: only at markers). */
    public Recorder snapshotEvery(long n) {
        this.snapshotEvery = Math.max(0, n);
        return this;
    }

    /** The engine run being recorded. */
    public EngineRun run() {
        return run;
    }

    /** Snapshots written so far. */
    public int snapshots() {
        return snapshots;
    }

    /** Performs and records one guest access; returns what the guest sees (reads) or 0. */
    public long access(dev.vmtrace.engine.memory.Space space, boolean write, long address, int size, long value,
                       int vcpu) throws IOException {
        long v = run.access(space, write, address, size, value, vcpu);
        long time = run.now();
        Space s = space == dev.vmtrace.engine.memory.Space.IO ? Space.IO : Space.MEMORY;
        long guest = write ? value & dev.vmtrace.engine.memory.Dispatcher.mask(size) : v;
        int[] regionIds = new int[run.count];
        for (int i = 0; i < run.count; i++) {
            regionIds[i] = regionId(run.regions[i], run.addresses[i] - run.offsets[i], s);
        }
        w.append(new GuestAccess(0, time, vcpu, s, write ? Direction.WRITE : Direction.READ, address, size, guest,
                false));
        for (int i = 0; i < run.count; i++) {
            w.append(new Dispatch(0, time, 0, regionIds[i], run.offsets[i], run.sizes[i], run.values[i],
                    outcome(run.kinds[i])));
        }
        events(time);
        if (snapshotEvery > 0 && ++sinceSnapshot >= snapshotEvery) {
            snapshot("periodic");
        }
        return v;
    }

    /**
     * Applies and records a host event. Returns false (nothing recorded) when the engine has no
     * model for it.
     */
    public boolean host(HostEventKind kind, long argument) throws IOException {
        run.beginOther();
        switch (kind) {
            case RESET:
                run.reset();
                break;
            case CLOCK_STEP:
                run.clockStep(argument);
                break;
            case CLOCK_SET:
                run.clockSet(argument);
                break;
            case MIGRATION_POINT:
                break;
            case CPU_HOT_ADD:
            case CPU_HOT_REMOVE:
                if (argument < 0 || argument > Integer.MAX_VALUE
                        || !run.cpuHotplug(kind == HostEventKind.CPU_HOT_ADD, (int) argument)) {
                    return false;
                }
                break;
            case PCI_HOT_ADD:
            case PCI_HOT_REMOVE:
                if (!run.pciHotplug(kind == HostEventKind.PCI_HOT_ADD, argument)) {
                    return false;
                }
                break;
            default:
                return false;
        }
        w.append(new HostEvent(0, run.now(), kind, argument));
        events(run.now());
        return true;
    }

    /** Writes a state snapshot labelled {@code label}. */
    public void snapshot(String label) throws IOException {
        w.append(new StateSnapshot(0, run.now(), label, ImmutableBytes.copyOf(MachineStreams.save(run.machine()))));
        snapshots++;
        sinceSnapshot = 0;
    }

    private void events(long time) throws IOException {
        List<DeviceEvent> evs = run.events();
        for (DeviceEvent d : evs) {
            for (TraceEvent e : DeviceEvents.toTrace(d, time)) {
                w.append(e);
            }
        }
    }

    private int regionId(Region r, long base, Space space) throws IOException {
        Integer id = ids.get(r.instance());
        if (id != null) {
            return id;
        }
        int nid = nextId++;
        ids.put(r.instance(), nid);
        w.append(new RegionDefined(0, run.now(), nid, r.name(), space, base, r.size(), rules(r.rules()),
                r.instance()));
        return nid;
    }

    private static dev.vmtrace.trace.AccessRules rules(AccessRules r) {
        int implMin = r.effectiveImplMin();
        int implMax = Math.max(implMin, r.effectiveImplMax());
        return new dev.vmtrace.trace.AccessRules(r.validMin(), r.validMax(), implMin, Math.min(8, implMax),
                r.validUnaligned());
    }

    private static DispatchOutcome outcome(DispatchKind k) {
        switch (k) {
            case DELIVERED: return DispatchOutcome.DELIVERED;
            case SPLIT_PART: return DispatchOutcome.SPLIT_PART;
            case WIDENED: return DispatchOutcome.WIDENED;
            case DROPPED: return DispatchOutcome.DROPPED;
            case UNASSIGNED: return DispatchOutcome.UNASSIGNED;
            default: return DispatchOutcome.UNMODELED;
        }
    }
}
