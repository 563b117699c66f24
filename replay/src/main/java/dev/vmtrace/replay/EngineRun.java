package dev.vmtrace.replay;

import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.device.EventSink;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineCatalog;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.DispatchKind;
import dev.vmtrace.engine.memory.DispatchPath;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.Space;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine machine driven one guest access at a time, with the device-level dispatches and
 * device events of the last access kept in reusable buffers (no allocation per access). The
 * recorder writes what it holds; the replayer compares it with the trace.
 */
public final class EngineRun implements AccessSink, EventSink {
    /** Cap on pieces per guest access: an 8-byte access splits into at most 8 pieces. */
    static final int MAX_PIECES = 16;

    private final Machine machine;
    final Region[] regions = new Region[MAX_PIECES];
    final long[] addresses = new long[MAX_PIECES];
    final long[] offsets = new long[MAX_PIECES];
    final int[] sizes = new int[MAX_PIECES];
    final long[] values = new long[MAX_PIECES];
    final DispatchKind[] kinds = new DispatchKind[MAX_PIECES];
    final String[] reasons = new String[MAX_PIECES];
    int count;
    private final List<DeviceEvent> events = new ArrayList<>();
    private boolean collecting = true;

    /** Builds a machine for {@code config}; its device events come to this run. */
    public EngineRun(MachineConfig config) {
        this.machine = Machine.build(config, MachineCatalog.standard(), this, 0L);
        events.clear();
    }

    /** The machine. */
    public Machine machine() {
        return machine;
    }

    /**
     * Performs one guest access (port I/O on the machine's path, memory on the buffer path) and
     * returns the value the guest sees (reads) or 0 (writes). The dispatches and device events
     * it caused are available until the next call.
     */
    public long access(Space space, boolean write, long address, int size, long value, int vcpu) {
        count = 0;
        events.clear();
        DispatchPath p = space == Space.IO ? machine.path() : DispatchPath.BUFFER;
        if (write) {
            machine.write(space, address, value, size, p, vcpu, this);
            return 0;
        }
        return machine.read(space, address, size, p, vcpu, this);
    }

    /** Clears the per-access buffers (before host events, whose device events are collected too). */
    public void beginOther() {
        count = 0;
        events.clear();
    }

    @Override
    public void dispatch(Region region, long address, long offset, int size, long value, DispatchKind kind,
                         String reason) {
        if (count == MAX_PIECES) {
            throw new IllegalStateException("more than " + MAX_PIECES + " pieces for one access");
        }
        int i = count++;
        regions[i] = region;
        addresses[i] = address;
        offsets[i] = offset;
        sizes[i] = size;
        values[i] = value;
        kinds[i] = kind;
        reasons[i] = reason;
    }

    @Override
    public void event(DeviceEvent event) {
        if (collecting) {
            events.add(event);
        }
    }

    /** Device events since the last access or {@link #beginOther()}. */
    public List<DeviceEvent> events() {
        return events;
    }

    /** Number of dispatches of the last access. */
    public int dispatchCount() {
        return count;
    }

    /** Whether any piece of the last access reached a region the engine does not model. */
    public boolean touchedUnmodeled() {
        for (int i = 0; i < count; i++) {
            if (kinds[i] == DispatchKind.UNMODELED) {
                return true;
            }
        }
        return false;
    }

    /**
     * A CPU hot-add ({@code add}) or hot-remove request for CPU {@code index}, through the
     * engine's CPU-hotplug controller. False when the machine has none, or the controller refuses
     * the request (QEMU would refuse the QMP command too).
     */
    public boolean cpuHotplug(boolean add, int index) {
        dev.vmtrace.engine.devices.cpuhp.CpuHotplug hp = machine.device(dev.vmtrace.engine.devices.cpuhp.CpuHotplug.class);
        if (hp == null) {
            return false;
        }
        return add ? hp.hotAdd(index) : hp.unplugRequest(index);
    }

    /**
     * A PCI hot-add ({@code add}) or unplug request for {@code busDevfn} (bus &lt;&lt; 8 | devfn, the
     * trace's encoding) through the ACPI PCI-hotplug controller; only bus 0 is modeled. False when
     * the machine has none or it refuses (slot occupied or empty, not hot-pluggable).
     */
    public boolean pciHotplug(boolean add, long busDevfn) {
        dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug hp =
                machine.device(dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug.class);
        if (hp == null || busDevfn < 0 || (busDevfn >> 8) != 0) {
            return false;
        }
        int slot = (int) ((busDevfn & 0xff) >> 3);
        return add ? hp.hotAdd(slot) : hp.unplugRequest(slot);
    }

    /** Applies a system reset. */
    public void reset() {
        machine.reset();
    }

    /** Advances virtual time by {@code ns}. */
    public void clockStep(long ns) {
        machine.time().advanceTo(machine.time().nanos() + ns);
    }

    /** Sets virtual time (never backwards). */
    public void clockSet(long ns) {
        machine.time().advanceTo(ns);
    }

    /** Current virtual time. */
    public long now() {
        return machine.time().nanos();
    }
}
