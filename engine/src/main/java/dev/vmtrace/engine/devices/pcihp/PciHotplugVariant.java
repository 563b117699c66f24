package dev.vmtrace.engine.devices.pcihp;

import dev.vmtrace.engine.machine.Release;

/**
 * The three behaviours the ACPI PCI hotplug registers had over QEMU's history (devices.md 3.3).
 */
public enum PciHotplugVariant {
    /**
     * Before 7faa8075d8 "acpi_piix4: Fix PCI hotplug race" (QEMU 1.0 and older): every hotplug
     * event first zeroes both {@code up} and {@code down}, so a second event before the guest's GPE
     * handler runs wipes the first. Bus 0 only; no selector and no acpi-index.
     */
    PRE_RACE_FIX,
    /**
     * From the race fix (v1.1.0) until pcihp.c (v1.7.0): {@code down} is kept per slot until that
     * slot is ejected, pending ejects are flushed at reset, {@code up} reads as
     * present-and-hotpluggable, and the migrated {@code up} field is computed at save time.
     */
    POST_RACE_FIX,
    /**
     * pcihp.c (v1.7.0 onwards, 7.2): {@code up} is real state again, set on plug and, in bridge
     * mode, cleared on read; bus selector and (from 6.2) acpi-index.
     */
    MODERN;

    /** The variant {@code release} has. */
    public static PciHotplugVariant of(Release release) {
        if (!release.atLeast(1, 1, 0)) {
            return PRE_RACE_FIX;
        }
        return release.atLeast(1, 7, 0) ? MODERN : POST_RACE_FIX;
    }
}
