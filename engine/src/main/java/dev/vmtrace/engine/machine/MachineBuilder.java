package dev.vmtrace.engine.machine;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionSlot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link MachinePart} sees while a machine is built: the configuration and machine type,
 * the injected device context, the two root regions, the slots already mapped (so a device
 * package can replace the unmodeled placeholder of its region by its model) and the devices.
 */
public final class MachineBuilder {
    private final MachineConfig config;
    private final MachineType type;
    private final DeviceContext context;
    private final Region ioRoot;
    private final Region memoryRoot;
    private final Map<String, List<RegionSlot>> ioSlots = new LinkedHashMap<>();
    private final Map<String, List<RegionSlot>> memorySlots = new LinkedHashMap<>();
    private final List<Device> devices = new ArrayList<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Set<String> claimedDevices = new HashSet<>();

    MachineBuilder(MachineConfig config, MachineType type, DeviceContext context, Region ioRoot, Region memoryRoot,
                   List<CompatProperty<?>> knownProperties) {
        this.config = config;
        this.type = type;
        this.context = context;
        this.ioRoot = ioRoot;
        this.memoryRoot = memoryRoot;
        for (GlobalOption g : config.globals()) {
            for (CompatProperty<?> p : knownProperties) {
                if (p.key().equals(g.key())) {
                    try {
                        properties.put(g.key(), p.parse(g.value()));
                    } catch (IllegalArgumentException e) {
                        throw new MachineConfigException("--global " + g.key() + ": " + e.getMessage());
                    }
                }
            }
        }
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

    public DeviceContext context() {
        return context;
    }

    /** The I/O root region ({@code io}, 64 KiB). */
    public Region ioRoot() {
        return ioRoot;
    }

    /** The memory root region ({@code system}). */
    public Region memoryRoot() {
        return memoryRoot;
    }

    /** A property's value on this machine: a {@code --global} override, else the machine type's. */
    public <T> T property(CompatProperty<T> p) {
        Object v = properties.get(p.key());
        return v != null ? p.type().cast(v) : type.get(p);
    }

    /** The raw text of a {@code --global DRIVER.PROP=VALUE} not declared as a compat property, or null. */
    public String global(String driver, String property) {
        String value = null;
        for (GlobalOption g : config.globals()) {
            if (g.driver().equals(driver) && g.property().equals(property)) {
                value = g.value();
            }
        }
        return value;
    }

    /** Maps {@code region} into the I/O space at {@code port} with {@code priority}. */
    public RegionSlot mapIo(long port, Region region, int priority) {
        RegionSlot s = ioRoot.add(port, region, priority);
        ioSlots.computeIfAbsent(region.name(), k -> new ArrayList<>()).add(s);
        return s;
    }

    /** Maps {@code region} into memory at {@code address} with {@code priority}. */
    public RegionSlot mapMemory(long address, Region region, int priority) {
        RegionSlot s = memoryRoot.add(address, region, priority);
        memorySlots.computeIfAbsent(region.name(), k -> new ArrayList<>()).add(s);
        return s;
    }

    /** Records a slot a part created itself (inside a container), so later parts can find it. */
    public void registerIoSlot(RegionSlot slot) {
        ioSlots.computeIfAbsent(slot.region().name(), k -> new ArrayList<>()).add(slot);
    }

    /** The I/O slots whose region has {@code name} (empty when none). */
    public List<RegionSlot> ioSlots(String name) {
        return List.copyOf(ioSlots.getOrDefault(name, List.of()));
    }

    /**
     * The single I/O slot of {@code name}, or null when the machine has none; fails fast when the
     * name is ambiguous.
     */
    public RegionSlot ioSlot(String name) {
        List<RegionSlot> l = ioSlots.getOrDefault(name, List.of());
        if (l.size() > 1) {
            throw new IllegalStateException("several I/O regions are named '" + name + "'");
        }
        return l.isEmpty() ? null : l.get(0);
    }

    /** The I/O slot of {@code name} mapped at {@code port}, or null. */
    public RegionSlot ioSlotAt(String name, long port) {
        for (RegionSlot s : ioSlots.getOrDefault(name, List.of())) {
            if (s.offset() == port && s.parent() == ioRoot) {
                return s;
            }
        }
        return null;
    }

    /** The memory slots whose region has {@code name}. */
    public List<RegionSlot> memorySlots(String name) {
        return List.copyOf(memorySlots.getOrDefault(name, List.of()));
    }

    /** Registers a device (reset with the machine, found by name or type). */
    public <T extends Device> T addDevice(T device) {
        devices.add(Objects.requireNonNull(device, "device"));
        return device;
    }

    /** The first device of {@code type}, or null. */
    public <T> T device(Class<T> kind) {
        for (Device d : devices) {
            if (kind.isInstance(d)) {
                return kind.cast(d);
            }
        }
        return null;
    }

    /** The {@code --device} options for {@code driver}, marking them handled. */
    public List<DeviceOption> claimDevices(String driver) {
        List<DeviceOption> out = new ArrayList<>();
        for (DeviceOption d : config.devices()) {
            if (d.driver().equals(driver)) {
                out.add(d);
                claimedDevices.add(driver);
            }
        }
        return out;
    }

    List<Device> devices() {
        return devices;
    }

    Set<String> claimedDevices() {
        return claimedDevices;
    }
}
