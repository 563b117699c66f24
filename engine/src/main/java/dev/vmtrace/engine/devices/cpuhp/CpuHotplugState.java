package dev.vmtrace.engine.devices.cpuhp;

import java.util.List;
import java.util.Objects;

/**
 * The saved state of the CPU hotplug controller. {@code legacy} is the mode, which QEMU does not
 * send as a field: the {@code .../cpuhp} subsection is sent only in modern mode, and receiving it
 * switches the destination to modern.
 *
 * @param legacy whether the legacy interface is active
 * @param selector the CPU selector (u32)
 * @param command the last accepted command (0..3)
 * @param devices one entry per possible CPU
 */
public record CpuHotplugState(boolean legacy, long selector, int command, List<Device> devices) {
    /** Validates ranges and copies. */
    public CpuHotplugState {
        if ((selector & ~0xffffffffL) != 0) {
            throw new IllegalArgumentException("selector is a u32: " + selector);
        }
        if (command < 0 || command > 0xff) {
            throw new IllegalArgumentException("command is a u8: " + command);
        }
        devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    }

    /**
     * One possible CPU's migrated state ("CPU hotplug device state" v1). {@code fw_remove} and the
     * arch id are not migrated.
     *
     * @param inserting insert event pending
     * @param removing remove event pending
     * @param ostEvent last _OST event (u32)
     * @param ostStatus last _OST status (u32)
     */
    public record Device(boolean inserting, boolean removing, long ostEvent, long ostStatus) {
        /** Validates the u32 fields. */
        public Device {
            if ((ostEvent & ~0xffffffffL) != 0 || (ostStatus & ~0xffffffffL) != 0) {
                throw new IllegalArgumentException("_OST values are u32");
            }
        }
    }
}
