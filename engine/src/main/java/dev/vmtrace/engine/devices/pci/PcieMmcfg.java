package dev.vmtrace.engine.devices.pci;

import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.device.RegisterMap;
import dev.vmtrace.engine.device.SideEffect;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionSlot;
import java.util.Objects;

/**
 * The PCI Express enhanced configuration window ({@code pcie-mmcfg-mmio}, QEMU's pcie_host.c): an
 * MMIO region whose offset selects bus (bits 20..27), device/function (bits 12..19) and config
 * register (bits 0..11). It reaches the same config spaces as the 0xcf8/0xcfc ports (through
 * {@link PciHostPorts#function}). An absent function reads all ones and ignores writes; so does
 * a register at or above 256, since every modeled function has a conventional 256-byte space.
 *
 * <p>The window is unmapped until the host bridge maps it ({@link #update}); its size (256, 128
 * or 64 MiB) follows the programmed length, as QEMU resizes the one region it maps.
 */
public final class PcieMmcfg {
    /** QEMU's region name. */
    public static final String NAME = "pcie-mmcfg-mmio";
    /** The largest window: 256 buses. */
    public static final long SIZE_MAX = 256L << 20;
    /** The bus number's shift in a window offset. */
    public static final int BUS_SHIFT = 20;
    /** The device/function number's shift in a window offset. */
    public static final int DEVFN_SHIFT = 12;

    private final PciHostPorts host;
    private final IoHandler handler = new IoHandler() {
        @Override
        public long read(long offset, int size) {
            PciConfig f = target(offset);
            int reg = (int) (offset & 0xfff);
            if (f == null || reg >= PciConfig.SIZE) {
                return size >= 4 ? 0xffffffffL : (1L << (8 * size)) - 1;
            }
            return f.read(reg, size);
        }

        @Override
        public void write(long offset, long value, int size) {
            PciConfig f = target(offset);
            int reg = (int) (offset & 0xfff);
            if (f != null && reg < PciConfig.SIZE) {
                f.write(reg, value, size);
            }
        }
    };
    private RegionSlot slot;

    /** A window routing to the functions registered with {@code host}. */
    public PcieMmcfg(PciHostPorts host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * The register map of a window of {@code size} bytes: QEMU declares no access constraints for
     * it, so the defaults apply (1 to 4 bytes, aligned; an 8-byte access is split in two).
     */
    public static RegisterMap map(long size) {
        return RegisterMap.builder(NAME, size)
                .rules(AccessRules.DEFAULT)
                .register("CONFIG", 0, (int) Math.min(size, Integer.MAX_VALUE), 0xffffffffL, SideEffect.TRIGGER,
                        "config space of bus (offset bits 20..27), devfn (12..19), register (0..11)")
                .build();
    }

    private PciConfig target(long offset) {
        return host.function((int) ((offset >> BUS_SHIFT) & 0xff), (int) ((offset >> DEVFN_SHIFT) & 0xff));
    }

    /**
     * Gives the window its slot in the memory root; the window is unmapped at once and stays so
     * until {@link #update} enables it.
     */
    public void attach(RegionSlot memorySlot) {
        this.slot = Objects.requireNonNull(memorySlot, "memorySlot");
        slot.unmap();
    }

    /** A fresh window region of {@code size} bytes (for the initial slot). */
    public Region newRegion(long size) {
        return Region.device(map(size), handler);
    }

    /**
     * Unmaps the window, then, when {@code enable}, maps it at {@code base} with {@code size} bytes
     * (QEMU's pcie_host_mmcfg_update; the size must be a power of two from 1 MiB to 256 MiB).
     */
    public void update(boolean enable, long base, long size) {
        if (Long.bitCount(size) != 1 || size < (1L << BUS_SHIFT) || size > SIZE_MAX) {
            throw new IllegalArgumentException("MMCONFIG size 0x" + Long.toHexString(size) + " is not a power of two"
                    + " from 1 MiB to 256 MiB");
        }
        slot.unmap();
        if (!enable) {
            return;
        }
        if (slot.region().size() != size) {
            slot.replace(newRegion(size));
        }
        slot.mapAt(base);
    }

    /** Whether the window is mapped. */
    public boolean mapped() {
        return slot != null && slot.mapped();
    }

    /** The base address of the window (meaningful when {@link #mapped}). */
    public long base() {
        return slot.offset();
    }

    /** The size of the window's region. */
    public long size() {
        return slot.region().size();
    }
}
