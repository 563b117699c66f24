package dev.vmtrace.engine.devices.pcihp;

/**
 * The saved PCI hotplug state: selector, per-bsel {@code up}/{@code down}, pending acpi-index,
 * and the bus-0 present-slot bitmap (not migrated by QEMU: the destination knows its devices;
 * kept here so a restored device list matches the snapshot).
 *
 * @param select hotplug_select
 * @param ups up per bsel (for the post-fix variant: computed present-and-hotpluggable)
 * @param downs down per bsel
 * @param acpiIndex pending acpi-index value
 * @param present bus-0 slots holding a device
 */
public record PciHotplugState(long select, long[] ups, long[] downs, long acpiIndex, long present) {
    /** Validates and copies. */
    public PciHotplugState {
        if (ups.length != AcpiPciHotplug.MAX_BUS || downs.length != AcpiPciHotplug.MAX_BUS) {
            throw new IllegalArgumentException("need " + AcpiPciHotplug.MAX_BUS + " up/down entries");
        }
        ups = ups.clone();
        downs = downs.clone();
    }

    /** {@code up} of {@code bsel}. */
    public long up(int bsel) {
        return ups[bsel];
    }

    /** {@code down} of {@code bsel}. */
    public long down(int bsel) {
        return downs[bsel];
    }

    @Override
    public long[] ups() {
        return ups.clone();
    }

    @Override
    public long[] downs() {
        return downs.clone();
    }
}
