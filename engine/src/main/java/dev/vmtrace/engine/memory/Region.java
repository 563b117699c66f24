package dev.vmtrace.engine.memory;

import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.device.RegisterMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A memory region, as in QEMU's memory API: a name, an instance identity (two regions of the
 * same name, such as the legacy and modern CPU-hotplug blocks, are different instances), a size,
 * endianness, declared {@link AccessRules} and, for device regions, an {@link IoHandler}.
 * Regions nest: a container (or a terminating region such as the I/O root) holds subregions at
 * offsets with priorities; higher priority wins where they overlap, and among equal priorities
 * the one added last wins, as QEMU renders them.
 *
 * <p>Regions are mutable only in their topology (subregions, enabled); every change notifies the
 * address space so its flat view is rebuilt. Not thread-safe: the engine is single-threaded.
 */
public final class Region {
    private static final AtomicLong NEXT_INSTANCE = new AtomicLong(1);

    private final String name;
    private final long instance;
    private final long size;
    private final Endianness endianness;
    private final AccessRules rules;
    private final IoHandler handler;
    private final RegionKind kind;
    private final RegisterMap registerMap;
    private final SparseBytes storage;
    private final Region aliasTarget;
    private final long aliasOffset;
    private final List<Subregion> subregions = new ArrayList<>();
    private Region parent;
    private boolean enabled = true;
    private boolean romd = true;
    private Runnable topologyListener;

    private Region(String name, long size, Endianness endianness, AccessRules rules, IoHandler handler,
                   RegionKind kind, RegisterMap registerMap, SparseBytes storage, Region aliasTarget,
                   long aliasOffset) {
        this.name = Objects.requireNonNull(name, "name");
        if (size <= 0) {
            throw new IllegalArgumentException("region '" + name + "' must have a positive size, not " + size);
        }
        this.instance = NEXT_INSTANCE.getAndIncrement();
        this.size = size;
        this.endianness = Objects.requireNonNull(endianness, "endianness");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.handler = handler;
        this.kind = kind;
        this.registerMap = registerMap;
        this.storage = storage;
        this.aliasTarget = aliasTarget;
        this.aliasOffset = aliasOffset;
    }

    /** A modeled device region built from its declarative register map. */
    public static Region device(RegisterMap map, IoHandler handler) {
        return new Region(map.name(), map.size(), map.endianness(), map.rules(),
                Objects.requireNonNull(handler, "handler"), RegionKind.DEVICE, map, null, null, 0);
    }

    /** A modeled device region without a register map. */
    public static Region io(String name, long size, AccessRules rules, Endianness endianness, IoHandler handler) {
        return new Region(name, size, endianness, rules, Objects.requireNonNull(handler, "handler"),
                RegionKind.DEVICE, null, null, null, 0);
    }

    /** A region QEMU has but the engine does not model: right access shapes, reads 0. */
    public static Region unmodeled(String name, long size, AccessRules rules, Endianness endianness) {
        return new Region(name, size, endianness, rules, NullHandler.INSTANCE, RegionKind.UNMODELED, null, null, null, 0);
    }

    /** The I/O root: reads all ones, ignores writes, no declared rules (so impl max 4). */
    public static Region unassignedIo(String name, long size) {
        return new Region(name, size, Endianness.NATIVE, AccessRules.DEFAULT, AllOnesHandler.INSTANCE,
                RegionKind.UNASSIGNED_IO, null, null, null, 0);
    }

    /** Unassigned memory: its accepts refuses everything. */
    public static Region unassignedMemory(String name, long size) {
        return new Region(name, size, Endianness.NATIVE, AccessRules.DEFAULT.withAccepts((o, s, w) -> false),
                NullHandler.INSTANCE, RegionKind.UNASSIGNED_MEMORY, null, null, null, 0);
    }

    /** A pure container. */
    public static Region container(String name, long size) {
        return new Region(name, size, Endianness.NATIVE, AccessRules.DEFAULT, null, RegionKind.CONTAINER, null, null, null, 0);
    }

    /** Guest RAM backed by sparse zero-filled storage. */
    public static Region ram(String name, long size) {
        return new Region(name, size, Endianness.NATIVE, AccessRules.DEFAULT, null, RegionKind.RAM, null,
                new SparseBytes(size), null, 0);
    }

    /** ROM whose contents the engine does not carry (reads 0, writes ignored). */
    public static Region rom(String name, long size) {
        return new Region(name, size, Endianness.NATIVE, AccessRules.DEFAULT, null, RegionKind.ROM, null,
                new SparseBytes(size), null, 0);
    }

    /** ROM over {@code storage} (its contents are kept, but reads still count as unmodeled). */
    public static Region rom(String name, SparseBytes storage) {
        return new Region(name, storage.size(), Endianness.NATIVE, AccessRules.DEFAULT, null, RegionKind.ROM, null,
                storage, null, 0);
    }

    /**
     * A ROM device: {@code storage} (of {@code size} bytes) answers reads directly while the
     * region is in ROM mode ({@link #setRomd}, on at creation); {@code handler} answers the rest.
     */
    public static Region romDevice(String name, SparseBytes storage, AccessRules rules, Endianness endianness,
                                   IoHandler handler) {
        return new Region(name, storage.size(), endianness, rules, Objects.requireNonNull(handler, "handler"),
                RegionKind.ROM_DEVICE, null, storage, null, 0);
    }

    /** A window of {@code size} bytes onto {@code target} starting at {@code offset} in it. */
    public static Region alias(String name, Region target, long offset, long size) {
        return new Region(name, size, Endianness.NATIVE, AccessRules.DEFAULT, null, RegionKind.ALIAS, null, null,
                Objects.requireNonNull(target, "target"), offset);
    }

    /**
     * Adds {@code sub} at {@code offset} with {@code priority}; returns the slot through which it
     * can later be unmapped, moved or replaced. Fails fast if {@code sub} is already mapped.
     */
    public RegionSlot add(long offset, Region sub, int priority) {
        Objects.requireNonNull(sub, "sub");
        if (sub.parent != null) {
            throw new IllegalStateException("region '" + sub.name + "' is already mapped in '" + sub.parent.name + "'");
        }
        if (offset < 0 || offset >= size) {
            throw new IllegalArgumentException(String.format("subregion '%s' at 0x%x is outside '%s' (size 0x%x)",
                    sub.name, offset, name, size));
        }
        Subregion s = new Subregion(offset, priority, sub);
        int at = subregions.size();
        for (int i = 0; i < subregions.size(); i++) {
            if (priority >= subregions.get(i).priority()) {
                at = i;
                break;
            }
        }
        subregions.add(at, s);
        sub.parent = this;
        changed();
        return new RegionSlot(this, offset, priority, sub);
    }

    /** Adds {@code sub} at {@code offset} with priority 0. */
    public RegionSlot add(long offset, Region sub) {
        return add(offset, sub, 0);
    }

    /** Removes a direct subregion; fails fast when it is not one. */
    public void remove(Region sub) {
        for (int i = 0; i < subregions.size(); i++) {
            if (subregions.get(i).region() == sub) {
                subregions.remove(i);
                sub.parent = null;
                changed();
                return;
            }
        }
        throw new IllegalStateException("region '" + sub.name + "' is not mapped in '" + name + "'");
    }

    /** Enables or disables this region (a disabled region and its subregions are not rendered). */
    public void setEnabled(boolean value) {
        if (enabled != value) {
            enabled = value;
            changed();
        }
    }

    /**
     * Switches a ROM device between ROM mode (reads direct from storage) and I/O mode (reads
     * through the handler), as QEMU's {@code memory_region_rom_device_set_romd}. The flat view
     * does not change: the dispatcher looks at the mode on every access.
     */
    public void setRomd(boolean value) {
        if (kind != RegionKind.ROM_DEVICE) {
            throw new IllegalStateException("region '" + name + "' is not a ROM device");
        }
        romd = value;
    }

    /** True for a ROM device in ROM mode (and for nothing else). */
    public boolean romd() {
        return kind == RegionKind.ROM_DEVICE && romd;
    }

    /** Registers the single topology listener (the owning address space) on a root region. */
    void setTopologyListener(Runnable listener) {
        this.topologyListener = listener;
    }

    private void changed() {
        Region r = this;
        while (r.parent != null) {
            r = r.parent;
        }
        if (r.topologyListener != null) {
            r.topologyListener.run();
        }
    }

    public String name() {
        return name;
    }

    /** A process-unique identity, distinct for every region object (QEMU's {@code mr} pointer). */
    public long instance() {
        return instance;
    }

    public long size() {
        return size;
    }

    public Endianness endianness() {
        return endianness;
    }

    public AccessRules rules() {
        return rules;
    }

    /** The handler, or null for containers, aliases, RAM and ROM. */
    public IoHandler handler() {
        return handler;
    }

    public RegionKind kind() {
        return kind;
    }

    /** The register map this region was built from, or null. */
    public RegisterMap registerMap() {
        return registerMap;
    }

    /** RAM/ROM storage, or null. */
    public SparseBytes storage() {
        return storage;
    }

    /** The alias target, or null. */
    public Region aliasTarget() {
        return aliasTarget;
    }

    /** The offset in the alias target where this alias starts. */
    public long aliasOffset() {
        return aliasOffset;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The region this one is mapped in, or null. */
    public Region parent() {
        return parent;
    }

    /** Subregions in rendering order (highest priority first; newest first among equals). */
    public List<Subregion> subregions() {
        return Collections.unmodifiableList(subregions);
    }

    /** True when the region itself answers accesses in the gaps its subregions leave. */
    public boolean terminates() {
        return kind != RegionKind.CONTAINER && kind != RegionKind.ALIAS;
    }

    @Override
    public String toString() {
        return name + "#" + instance;
    }

    /** A subregion mapping: where and with which priority a child sits in its parent. */
    public record Subregion(long offset, int priority, Region region) {
    }

    private enum NullHandler implements IoHandler {
        INSTANCE;

        @Override
        public long read(long offset, int size) {
            return 0;
        }

        @Override
        public void write(long offset, long value, int size) {
            // nothing modeled
        }
    }

    private enum AllOnesHandler implements IoHandler {
        INSTANCE;

        @Override
        public long read(long offset, int size) {
            return -1L;
        }

        @Override
        public void write(long offset, long value, int size) {
            // unassigned ports ignore writes
        }
    }
}
