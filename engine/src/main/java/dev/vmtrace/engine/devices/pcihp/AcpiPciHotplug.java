package dev.vmtrace.engine.devices.pcihp;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.memory.Region;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The ACPI PCI hotplug controller of PIIX4 and ICH9 (hw/acpi/pcihp.c; devices.md 3) in one of its
 * historical {@link PciHotplugVariant}s. vmtrace models one hotplug bus: bus 0 on i440fx (bsel 0,
 * slots 0 and 1 hold the host bridge and PIIX3, which are not hot-pluggable). q35 has no bus with
 * a bsel unless a bridge or root port is added, which vmtrace does not model, so every bsel reads
 * as "no bus" there. Host requests ({@link #hotAdd}, {@link #unplugRequest}) stand for QMP
 * {@code device_add}/{@code device_del} of a hot-pluggable device in a slot of bus 0.
 */
public final class AcpiPciHotplug implements Device, IoHandler {
    /** Number of bus selectors (ACPI_PCIHP_MAX_HOTPLUG_BUS). */
    public static final int MAX_BUS = 256;
    /** GPE0 status bit the controller raises (ACPI_PCI_HOTPLUG_STATUS). */
    public static final int GPE_BIT = 2;
    /** Event: a device was hot-added ({@code value} = slot). */
    public static final String EVENT_PLUG = "pci-plug";
    /** Event: a removal was requested ({@code value} = slot). */
    public static final String EVENT_UNPLUG_REQUEST = "pci-unplug-request";
    /** Event: a slot's device was removed, by guest eject or reset flush ({@code value} = slot). */
    public static final String EVENT_DELETED = "pci-device-deleted";

    private final String owner;
    private final DeviceContext context;
    private final PciHotplugVariant variant;
    private final boolean legacyPiix;
    private final boolean hasRootBus;
    private final int fixedSlots;
    private final Region region;
    private final long[] up = new long[MAX_BUS];
    private final long[] down = new long[MAX_BUS];
    private final long[] hotplugEnable = new long[MAX_BUS];
    private long present;
    private long select;
    private long acpiIndex;
    private IntConsumer gpe = bit -> { };

    /**
     * A controller.
     *
     * @param owner the PM device name used in events
     * @param context the device context
     * @param variant the behaviour variant
     * @param bridgeMode {@code acpi-pci-hotplug-with-bridge-support} (off: legacy-piix mode)
     * @param hasRootBus whether bsel 0 is bus 0 (i440fx) or no bus at all (q35)
     * @param fixedSlots bitmap of bus-0 slots holding cold-plugged, not hot-pluggable devices
     */
    public AcpiPciHotplug(String owner, DeviceContext context, PciHotplugVariant variant, boolean bridgeMode,
                          boolean hasRootBus, int fixedSlots) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.context = Objects.requireNonNull(context, "context");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.legacyPiix = !bridgeMode || variant != PciHotplugVariant.MODERN;
        this.hasRootBus = hasRootBus;
        this.fixedSlots = fixedSlots;
        this.present = fixedSlots & 0xffffffffL;
        this.region = Region.device(PciHotplugRegisters.MAP, this);
        java.util.Arrays.fill(hotplugEnable, 0xffffffffL);
        if (hasRootBus) {
            hotplugEnable[0] &= ~fixedSlots & 0xffffffffL;
        }
    }

    /** The {@code acpi-pci-hotplug} region. */
    public Region region() {
        return region;
    }

    /** Where GPE status bits are raised. */
    public void setGpe(IntConsumer sink) {
        this.gpe = Objects.requireNonNull(sink, "gpe");
    }

    public PciHotplugVariant variant() {
        return variant;
    }

    /** Whether the controller is in legacy-piix mode (bus 0 only, {@code up} not cleared on read). */
    public boolean legacyPiix() {
        return legacyPiix;
    }

    @Override
    public String name() {
        return "acpi-pci-hotplug";
    }

    @Override
    public void reset() {
        if (variant == PciHotplugVariant.PRE_RACE_FIX) {
            return; // the old device flushed nothing at reset
        }
        for (int bsel = 0; bsel < MAX_BUS; bsel++) {
            // Pending removals complete at reset, lowest slot first.
            while (down[bsel] != 0) {
                eject(bsel, down[bsel]);
            }
            hotplugEnable[bsel] = 0xffffffffL;
            if (bsel == 0 && hasRootBus) {
                hotplugEnable[0] &= ~fixedSlots & 0xffffffffL;
            }
        }
    }

    /** Host request: a hot-pluggable device appears in bus-0 {@code slot}. False when refused. */
    public boolean hotAdd(int slot) {
        if (!hasRootBus || slot < 0 || slot > 31 || (present & bit(slot)) != 0) {
            return false;
        }
        present |= bit(slot);
        context.emit(new DeviceEvent(owner, EVENT_PLUG, slot, -1));
        if (variant == PciHotplugVariant.PRE_RACE_FIX) {
            up[0] = 0;
            down[0] = 0;
            up[0] |= bit(slot);
        } else if (variant == PciHotplugVariant.MODERN) {
            up[0] |= bit(slot);
        }
        raiseGpe();
        return true;
    }

    /** Host request: remove the device in bus-0 {@code slot}. False when refused. */
    public boolean unplugRequest(int slot) {
        if (!hasRootBus || slot < 0 || slot > 31 || (present & bit(slot)) == 0 || (fixedSlots & bit(slot)) != 0) {
            return false;
        }
        context.emit(new DeviceEvent(owner, EVENT_UNPLUG_REQUEST, slot, -1));
        if (variant == PciHotplugVariant.PRE_RACE_FIX) {
            up[0] = 0;
            down[0] = 0;
        }
        down[0] |= bit(slot);
        raiseGpe();
        return true;
    }

    /** A copy of the per-bsel hot-pluggable slot masks (not migrated; recomputed at reset). */
    public long[] hotplugEnable() {
        return hotplugEnable.clone();
    }

    /** Whether bus-0 {@code slot} holds a device. */
    public boolean slotPresent(int slot) {
        return (present & bit(slot)) != 0;
    }

    private void raiseGpe() {
        context.emit(new DeviceEvent(owner, DeviceEvent.GPE, GPE_BIT, -1));
        gpe.accept(GPE_BIT);
    }

    private static long bit(int slot) {
        // Java masks the shift count like x86 does for QEMU's 1U << ctz32(0) == 1U << 32.
        return (1 << slot) & 0xffffffffL;
    }

    private void eject(int bsel, long slots) {
        int slot = Long.numberOfTrailingZeros(slots | (1L << 32));
        long b = bit(slot);
        if (variant != PciHotplugVariant.PRE_RACE_FIX) {
            down[bsel] &= ~b;
        }
        if (variant == PciHotplugVariant.MODERN) {
            up[bsel] &= ~b;
        }
        if (bsel != 0 || !hasRootBus) {
            return;
        }
        if ((present & b) != 0 && (fixedSlots & b) == 0) {
            present &= ~b;
            context.emit(new DeviceEvent(owner, EVENT_DELETED, slot, context.currentVcpu()));
        }
    }

    /** The {@code up} value as the guest reads it (without the clear-on-read side effect). */
    long upValue(int bsel) {
        if (variant == PciHotplugVariant.POST_RACE_FIX) {
            return bsel == 0 && hasRootBus ? present & hotplugEnable[0] : 0;
        }
        return up[bsel];
    }

    @Override
    public long read(long offset, int size) {
        int bsel = (int) Math.min(select, Integer.MAX_VALUE);
        if (bsel >= MAX_BUS) {
            return 0;
        }
        switch ((int) offset) {
            case PciHotplugRegisters.UP: {
                long v = upValue(bsel);
                if (!legacyPiix) {
                    up[bsel] = 0;
                }
                return v;
            }
            case PciHotplugRegisters.DOWN:
                return down[bsel];
            case PciHotplugRegisters.RMV:
                return hotplugEnable[bsel];
            case PciHotplugRegisters.SEL:
                return select;
            case PciHotplugRegisters.AIDX: {
                long v = acpiIndex;
                acpiIndex = 0;
                return v;
            }
            default:
                return 0;
        }
    }

    @Override
    public void write(long offset, long value, int size) {
        switch ((int) offset) {
            case PciHotplugRegisters.AIDX:
                // No modeled device carries an acpi-index property, so the lookup finds 0.
                acpiIndex = 0;
                break;
            case PciHotplugRegisters.EJECT:
                if (select < MAX_BUS) {
                    eject((int) select, value & 0xffffffffL);
                }
                break;
            case PciHotplugRegisters.SEL:
                if (variant == PciHotplugVariant.MODERN) {
                    select = legacyPiix ? 0 : value & 0xffffffffL;
                }
                break;
            default:
                break;
        }
    }

    /** The saved state. */
    public PciHotplugState state() {
        long[] ups = new long[MAX_BUS];
        for (int i = 0; i < MAX_BUS; i++) {
            ups[i] = upValue(i);
        }
        return new PciHotplugState(select, ups, down.clone(), acpiIndex, present);
    }

    /** Restores a saved state (the computed {@code up} of the post-fix variant is not stored). */
    public void restore(PciHotplugState s) {
        select = s.select();
        for (int i = 0; i < MAX_BUS; i++) {
            if (variant != PciHotplugVariant.POST_RACE_FIX) {
                up[i] = s.up(i);
            }
            down[i] = s.down(i);
        }
        acpiIndex = s.acpiIndex();
        present = (s.present() | fixedSlots) & 0xffffffffL;
    }
}
