package dev.vmtrace.replay;

import dev.vmtrace.engine.device.RegisterMap;

/**
 * Names for regions and offsets in reports. Regions that QEMU replaces by another instance of the
 * same name are told apart by size (the CPU-hotplug legacy block is 32 bytes, the modern 12).
 */
public final class RegionLabels {
    private RegionLabels() {
    }

    /** {@code acpi-cpu-hotplug (legacy)}, or the name itself. */
    public static String label(String name, long size) {
        if (name.equals("acpi-cpu-hotplug")) {
            if (size == 32) {
                return name + " (legacy)";
            }
            if (size == 12) {
                return name + " (modern)";
            }
        }
        return name;
    }

    /** {@code +0x0 SEL} with the register name when {@code map} knows it. */
    public static String offset(long offset, RegisterMap map) {
        String hex = String.format("+0x%x", offset);
        if (map == null) {
            return hex;
        }
        String d = map.describe(offset);
        return d.startsWith("+") ? hex : hex + " " + d;
    }
}
