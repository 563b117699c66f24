package dev.vmtrace.engine.devices.cpuhp;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.device.RegisterMap;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionSlot;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The ACPI CPU hotplug controller of PIIX4 PM and ICH9 PM (devices.md 2): a legacy present-CPU
 * bitmap window that the guest switches, by writing 0 at offset 0, to the 12-byte modern block at
 * the same base. The mode and the modern registers persist across system reset, as in QEMU.
 *
 * <p>CPUs are identified by index; the APIC id of CPU i is i (QEMU's default topology: one
 * core and one thread per socket). Host requests ({@link #hotAdd}, {@link #unplugRequest}) stand
 * for QMP {@code device_add}/{@code device_del} of a CPU and are reported as device events.
 */
public final class CpuHotplug implements Device {
    /** GPE0 status bit the controller raises (ACPI_CPU_HOTPLUG_STATUS). */
    public static final int GPE_BIT = 4;
    /** Event: a CPU was hot-added ({@code value} = CPU index). */
    public static final String EVENT_PLUG = "cpu-plug";
    /** Event: a CPU unplug was requested ({@code value} = CPU index). */
    public static final String EVENT_UNPLUG_REQUEST = "cpu-unplug-request";
    /** Event: the guest ejected a CPU ({@code value} = CPU index); QEMU emits DEVICE_DELETED. */
    public static final String EVENT_EJECT = "cpu-eject";
    /** Event: the guest wrote an _OST status ({@code value} = status); QEMU emits ACPI_DEVICE_OST. */
    public static final String EVENT_OST = "acpi-ost";
    /** Event: the guest switched the block to the modern interface. */
    public static final String EVENT_MODERN = "cpuhp-modern";

    private static final int LEGACY_APIC_LIMIT = CpuHotplugRegisters.LEGACY_SIZE * 8;

    private final String owner;
    private final DeviceContext context;
    private final int possible;
    private final Region legacyRegion;
    private final Region modernRegion;
    private final byte[] legacyBitmap = new byte[CpuHotplugRegisters.LEGACY_SIZE];
    private final CpuSlot[] slots;
    private RegionSlot slot;
    private IntConsumer gpe = bit -> { };
    private java.util.function.BooleanSupplier plugAllowed = () -> true;
    private java.util.function.BooleanSupplier unplugAllowed = () -> true;
    private boolean legacy = true;
    private long selector;
    private int command;

    /**
     * A controller for {@code present} cold-plugged CPUs out of {@code possible}.
     *
     * @param owner the PM device name used in events ({@code PIIX4_PM}, {@code ICH9-LPC})
     * @param context the device context (events)
     * @param legacyMap the legacy register map (its rules depend on the release)
     * @param present CPUs present at start (indices 0..present-1)
     * @param possible possible CPUs (maxcpus)
     */
    public CpuHotplug(String owner, DeviceContext context, RegisterMap legacyMap, int present, int possible) {
        if (present < 1 || possible < present) {
            throw new IllegalArgumentException("bad CPU counts " + present + "/" + possible);
        }
        this.owner = Objects.requireNonNull(owner, "owner");
        this.context = Objects.requireNonNull(context, "context");
        this.possible = possible;
        this.slots = new CpuSlot[possible];
        for (int i = 0; i < possible; i++) {
            slots[i] = new CpuSlot(i);
            slots[i].present = i < present;
            if (slots[i].present) {
                setLegacyBit(i);
            }
        }
        this.legacyRegion = Region.device(legacyMap, new Legacy());
        this.modernRegion = Region.device(CpuHotplugRegisters.MODERN, new Modern());
        // An APIC id the bitmap cannot hold forces the modern interface (QEMU switches on its own).
        if (possible > LEGACY_APIC_LIMIT && present > LEGACY_APIC_LIMIT) {
            legacy = false;
        }
    }

    @Override
    public String name() {
        return "acpi-cpu-hotplug";
    }

    @Override
    public void reset() {
        // Deliberately nothing: QEMU keeps the modern mode, selector, command and events on reset.
    }

    /** The region to map first (the legacy window, or the modern block if forced modern). */
    public Region initialRegion() {
        return legacy ? legacyRegion : modernRegion;
    }

    /** The legacy region object (QEMU's first {@code acpi-cpu-hotplug} MR). */
    public Region legacyRegion() {
        return legacyRegion;
    }

    /** The modern region object. */
    public Region modernRegion() {
        return modernRegion;
    }

    /** Gives the controller the slot its region is mapped in, so the switch can replace it. */
    public void attach(RegionSlot mapped) {
        this.slot = Objects.requireNonNull(mapped, "slot");
    }

    /** Where GPE status bits are raised (the PM device's GPE0 block). */
    public void setGpe(IntConsumer sink) {
        this.gpe = Objects.requireNonNull(sink, "gpe");
    }

    /**
     * Chipset vetoes on host requests (ICH9: once broadcast SMI is negotiated, hot-add needs the
     * negotiated "CPU hotplug with SMI" feature and unplug the "hot-unplug" one).
     */
    public void setGates(java.util.function.BooleanSupplier plug, java.util.function.BooleanSupplier unplug) {
        this.plugAllowed = Objects.requireNonNull(plug, "plug");
        this.unplugAllowed = Objects.requireNonNull(unplug, "unplug");
    }

    /** Whether the legacy interface is active ({@code cpu-hotplug-legacy}). */
    public boolean legacyMode() {
        return legacy;
    }

    /** The possible-CPU count (the migrated device array's length). */
    public int possibleCpus() {
        return possible;
    }

    /** Whether CPU {@code index} exists. */
    public boolean present(int index) {
        return slots[index].present;
    }

    /**
     * Switches to the modern interface (the guest's write of 0, QOM {@code cpu-hotplug-legacy=false},
     * or an incoming migration with the cpuhp subsection). Idempotent.
     */
    public void switchToModern() {
        if (!legacy) {
            return;
        }
        legacy = false;
        if (slot != null) {
            slot.replace(modernRegion);
        }
        context.emit(new DeviceEvent(owner, EVENT_MODERN, 0, context.currentVcpu()));
    }

    /**
     * Host request: plug CPU {@code index} (QMP {@code device_add}). Returns false when the CPU
     * already exists or the index is out of range (QEMU refuses the command).
     */
    public boolean hotAdd(int index) {
        if (index < 0 || index >= possible || slots[index].present || !plugAllowed.getAsBoolean()) {
            return false;
        }
        CpuSlot s = slots[index];
        s.present = true;
        context.emit(new DeviceEvent(owner, EVENT_PLUG, index, -1));
        if (legacy) {
            setLegacyBit(index);
        } else {
            s.inserting = true;
        }
        raiseGpe();
        return true;
    }

    /**
     * Host request: unplug CPU {@code index} (QMP {@code device_del}). Refused (false) in legacy
     * mode, for absent CPUs and for the boot CPU, as QEMU refuses them.
     */
    public boolean unplugRequest(int index) {
        if (legacy || index <= 0 || index >= possible || !slots[index].present || !unplugAllowed.getAsBoolean()) {
            return false;
        }
        slots[index].removing = true;
        context.emit(new DeviceEvent(owner, EVENT_UNPLUG_REQUEST, index, -1));
        raiseGpe();
        return true;
    }

    private void raiseGpe() {
        context.emit(new DeviceEvent(owner, DeviceEvent.GPE, GPE_BIT, -1));
        gpe.accept(GPE_BIT);
    }

    private void setLegacyBit(int apicId) {
        if (apicId < LEGACY_APIC_LIMIT) {
            legacyBitmap[apicId >> 3] |= (byte) (1 << (apicId & 7));
        }
    }

    /** The saved state ("CPU hotplug state"). */
    public CpuHotplugState state() {
        CpuHotplugState.Device[] devs = new CpuHotplugState.Device[possible];
        for (int i = 0; i < possible; i++) {
            devs[i] = new CpuHotplugState.Device(slots[i].inserting, slots[i].removing, slots[i].ostEvent,
                    slots[i].ostStatus);
        }
        return new CpuHotplugState(legacy, selector, command, java.util.List.of(devs));
    }

    /**
     * Applies a loaded state. A state in modern mode switches this controller to modern (QEMU's
     * pre_load); the device array must have this machine's possible-CPU count.
     */
    public void restore(CpuHotplugState s) {
        if (s.devices().size() != possible) {
            throw new IllegalArgumentException("CPU hotplug state has " + s.devices().size()
                    + " devices, this machine has " + possible + " possible CPUs");
        }
        if (!s.legacy()) {
            switchToModern();
        }
        selector = s.selector();
        command = s.command();
        for (int i = 0; i < possible; i++) {
            CpuHotplugState.Device d = s.devices().get(i);
            slots[i].inserting = d.inserting();
            slots[i].removing = d.removing();
            slots[i].ostEvent = d.ostEvent();
            slots[i].ostStatus = d.ostStatus();
        }
    }

    /** The legacy window: reads the bitmap byte at the offset; a write of 0 at offset 0 switches. */
    private final class Legacy implements IoHandler {
        @Override
        public long read(long offset, int size) {
            return legacyBitmap[(int) offset] & 0xff;
        }

        @Override
        public void write(long offset, long value, int size) {
            // The value is the whole piece the bus delivered: with impl max 1 (after the 2023 fix,
            // and on the buffer path before it) only byte 0 of a DWORD arrives here with offset 0.
            if (offset == 0 && value == 0) {
                switchToModern();
            }
        }
    }

    /** The modern block: the handler switches on the exact offset and ignores the size. */
    private final class Modern implements IoHandler {
        @Override
        public long read(long offset, int size) {
            if (selector >= possible) {
                return 0;
            }
            CpuSlot s = slots[(int) selector];
            switch ((int) offset) {
                case CpuHotplugRegisters.FLAGS:
                    return (s.present ? 1 : 0) | (s.inserting ? 2 : 0) | (s.removing ? 4 : 0) | (s.fwRemove ? 16 : 0);
                case CpuHotplugRegisters.DATA:
                    if (command == 0) {
                        return selector;
                    }
                    return command == 3 ? s.archId & 0xffffffffL : 0;
                case CpuHotplugRegisters.SELECTOR:
                    return command == 3 ? s.archId >>> 32 : 0;
                default:
                    return 0;
            }
        }

        @Override
        public void write(long offset, long value, int size) {
            if (offset != CpuHotplugRegisters.SELECTOR && selector >= possible) {
                return; // cpuhp_acpi_invalid_idx_selected: ignored
            }
            switch ((int) offset) {
                case CpuHotplugRegisters.SELECTOR:
                    selector = value & 0xffffffffL;
                    break;
                case CpuHotplugRegisters.FLAGS:
                    control(slots[(int) selector], value);
                    break;
                case CpuHotplugRegisters.COMMAND:
                    command(value);
                    break;
                case CpuHotplugRegisters.DATA:
                    if (command == 1) {
                        slots[(int) selector].ostEvent = value & 0xffffffffL;
                    } else if (command == 2) {
                        slots[(int) selector].ostStatus = value & 0xffffffffL;
                        context.emit(new DeviceEvent(owner, EVENT_OST, value & 0xffffffffL, context.currentVcpu()));
                    }
                    break;
                default:
                    break;
            }
        }

        private void control(CpuSlot s, long value) {
            // Only the first matching action is taken, in this priority order.
            if ((value & 2) != 0) {
                s.inserting = false;
            } else if ((value & 4) != 0) {
                s.removing = false;
            } else if ((value & 8) != 0) {
                if (s.present && s.index != 0) {
                    s.present = false;
                    s.fwRemove = false;
                    context.emit(new DeviceEvent(owner, EVENT_EJECT, s.index, context.currentVcpu()));
                }
            } else if ((value & 16) != 0) {
                if (s.present && s.index != 0) {
                    s.fwRemove = true;
                }
            }
        }

        private void command(long value) {
            if (value >= 4) {
                return;
            }
            command = (int) value;
            if (command != 0) {
                return;
            }
            for (int k = 0; k < possible; k++) {
                int i = (int) ((selector + k) % possible);
                CpuSlot s = slots[i];
                if (s.inserting || s.removing || s.fwRemove) {
                    selector = i;
                    return;
                }
            }
        }
    }

    /** One possible CPU. */
    private static final class CpuSlot {
        final int index;
        final long archId;
        boolean present;
        boolean inserting;
        boolean removing;
        boolean fwRemove;
        long ostEvent;
        long ostStatus;

        CpuSlot(int index) {
            this.index = index;
            this.archId = index;
        }
    }
}
