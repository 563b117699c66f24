package dev.vmtrace.engine.machine;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.device.EventSink;
import dev.vmtrace.engine.device.VirtualTime;
import dev.vmtrace.engine.memory.AccessOutcome;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.AddressSpace;
import dev.vmtrace.engine.memory.Direction;
import dev.vmtrace.engine.memory.DispatchPath;
import dev.vmtrace.engine.memory.Dispatcher;
import dev.vmtrace.engine.memory.GuestAccess;
import dev.vmtrace.engine.memory.OutcomeRecorder;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A built engine: the I/O and memory address spaces with every region of the machine type, the
 * devices, the virtual clock, and the dispatch path and access policy in force. Single-threaded.
 */
public final class Machine {
    /** Size of the x86 I/O space. */
    public static final long IO_SIZE = 0x10000;

    private final MachineConfig config;
    private final MachineType type;
    private final AddressSpace io;
    private final AddressSpace memory;
    private final VirtualTime time;
    private final DeviceContext context;
    private final List<Device> devices;
    private final Dispatcher dispatcher = new Dispatcher();
    private final AccessPolicy policy;
    private final DispatchPath path;
    private int currentVcpu = -1;

    private Machine(MachineConfig config, MachineType type, AddressSpace io, AddressSpace memory, VirtualTime time,
                    DeviceContext context, List<Device> devices) {
        this.config = config;
        this.type = type;
        this.io = io;
        this.memory = memory;
        this.time = time;
        this.context = context;
        this.devices = List.copyOf(devices);
        this.policy = config.policy();
        this.path = config.accel().path();
    }

    /** Builds {@code config} with the standard catalogue; events are discarded, randomness seeded 0. */
    public static Machine build(MachineConfig config) {
        return build(config, MachineCatalog.standard(), EventSink.DISCARD, 0L);
    }

    /**
     * Builds {@code config}: resolves the machine type for the release, creates the roots, runs
     * every part in order, and resets the devices.
     *
     * @throws MachineConfigException when the machine type is unknown to the release, or a
     *     {@code --device} is not modeled
     */
    public static Machine build(MachineConfig config, MachineCatalog catalog, EventSink events, long seed) {
        MachineType type = catalog.resolve(config.machine(), config.release());
        if (type == null) {
            throw new MachineConfigException("QEMU " + config.release() + " has no machine type '" + config.machine()
                    + "' (see 'vmtrace machines --release " + config.release() + "')");
        }
        VirtualTime time = new VirtualTime();
        Machine[] self = new Machine[1];
        DeviceContext ctx = new DeviceContext(time, new SplittableRandom(seed), events,
                () -> self[0] == null ? -1 : self[0].currentVcpu);
        Region ioRoot = Region.unassignedIo("io", IO_SIZE);
        Region memRoot = Region.container("system", Long.MAX_VALUE);
        MachineBuilder b = new MachineBuilder(config, type, ctx, ioRoot, memRoot, catalog.properties());
        for (MachinePart part : catalog.parts()) {
            part.build(b);
        }
        for (DeviceOption d : config.devices()) {
            if (!b.claimedDevices().contains(d.driver())) {
                throw new MachineConfigException("--device " + d.driver() + ": not modeled by vmtrace");
            }
        }
        AddressSpace io = new AddressSpace("I/O", Space.IO, ioRoot, IO_SIZE);
        AddressSpace mem = new AddressSpace("memory", Space.MEMORY, memRoot, Long.MAX_VALUE);
        Machine m = new Machine(config, type, io, mem, time, ctx, new ArrayList<>(b.devices()));
        self[0] = m;
        m.reset();
        return m;
    }

    public MachineConfig config() {
        return config;
    }

    public MachineType type() {
        return type;
    }

    public Release release() {
        return config.release();
    }

    public AccessPolicy policy() {
        return policy;
    }

    /** The path guest port I/O takes (from the accelerator). */
    public DispatchPath path() {
        return path;
    }

    public AddressSpace io() {
        return io;
    }

    public AddressSpace memory() {
        return memory;
    }

    public VirtualTime time() {
        return time;
    }

    public DeviceContext context() {
        return context;
    }

    public List<Device> devices() {
        return devices;
    }

    /** The first device of {@code kind}, or null. */
    public <T> T device(Class<T> kind) {
        for (Device d : devices) {
            if (kind.isInstance(d)) {
                return kind.cast(d);
            }
        }
        return null;
    }

    /** System reset: every device back to its power-on state. */
    public void reset() {
        for (Device d : devices) {
            d.reset();
        }
    }

    /** The dispatcher (for bulk buffer-path access such as qtest {@code read}/{@code write}). */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** A port read by {@code vcpu} (-1: none) on the machine's path; dispatches go to {@code sink}. */
    public long in(long port, int size, int vcpu, AccessSink sink) {
        return read(Space.IO, port, size, path, vcpu, sink);
    }

    /** A port write by {@code vcpu} on the machine's path. */
    public void out(long port, long value, int size, int vcpu, AccessSink sink) {
        write(Space.IO, port, value, size, path, vcpu, sink);
    }

    /** A read in {@code space} on an explicit path. */
    public long read(Space space, long address, int size, DispatchPath p, int vcpu, AccessSink sink) {
        int saved = currentVcpu;
        currentVcpu = vcpu;
        try {
            return dispatcher.read(space(space), address, size, p, policy, sink);
        } finally {
            currentVcpu = saved;
        }
    }

    /** A write in {@code space} on an explicit path. */
    public void write(Space space, long address, long value, int size, DispatchPath p, int vcpu, AccessSink sink) {
        int saved = currentVcpu;
        currentVcpu = vcpu;
        try {
            dispatcher.write(space(space), address, value, size, p, policy, sink);
        } finally {
            currentVcpu = saved;
        }
    }

    /**
     * Performs {@code access} (port I/O on the machine's path; memory on the buffer path, as
     * QEMU's CPU and qtest memory accesses of up to 8 bytes behave) and returns its outcome.
     */
    public AccessOutcome access(GuestAccess access) {
        OutcomeRecorder rec = new OutcomeRecorder();
        DispatchPath p = access.space() == Space.IO ? path : DispatchPath.BUFFER;
        if (access.direction() == Direction.READ) {
            long v = read(access.space(), access.address(), access.size(), p, access.vcpu(), rec);
            return new AccessOutcome(access.withValue(v), rec.dispatches());
        }
        write(access.space(), access.address(), access.value(), access.size(), p, access.vcpu(), rec);
        return new AccessOutcome(access, rec.dispatches());
    }

    /** The address space for {@code space}. */
    public AddressSpace space(Space space) {
        return space == Space.IO ? io : memory;
    }
}
