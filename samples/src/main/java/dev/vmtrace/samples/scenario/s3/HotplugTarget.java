package dev.vmtrace.samples.scenario.s3;

import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.AccessSink;

/**
 * What the S3 workload drives: a whole pc machine, or the PCI hotplug device model alone. The two
 * differ in how guest accesses and reset reach the controller; host requests and the host view
 * always go to the controller itself.
 */
interface HotplugTarget {
    long in(long port);

    void out(long port, long value);

    void reset();

    /** The ACPI PCI hotplug controller host requests go to. */
    AcpiPciHotplug controller();

    default boolean add(int slot) {
        return controller().hotAdd(slot);
    }

    default boolean del(int slot) {
        return controller().unplugRequest(slot);
    }

    /** Whether bus-0 {@code slot} still holds a device (host view, no guest access). */
    default boolean present(int slot) {
        return controller().slotPresent(slot);
    }

    /** The {@code up} field as this target's saved state carries it. */
    default long savedUp() {
        return controller().state().up(0);
    }

    /** A pc machine: guest accesses through its port I/O, host requests to its controller. */
    static HotplugTarget of(Machine m) {
        AcpiPciHotplug hp = m.device(AcpiPciHotplug.class);
        return new HotplugTarget() {
            @Override
            public long in(long port) {
                return m.in(port, 4, -1, AccessSink.DISCARD);
            }

            @Override
            public void out(long port, long value) {
                m.out(port, value, 4, -1, AccessSink.DISCARD);
            }

            @Override
            public void reset() {
                m.reset();
            }

            @Override
            public AcpiPciHotplug controller() {
                return hp;
            }
        };
    }

    /** The device model alone, for variants no catalogued machine type has. */
    static HotplugTarget of(AcpiPciHotplug hp) {
        return new HotplugTarget() {
            @Override
            public long in(long port) {
                return hp.read(port - S3PciHotplugStory.BASE, 4);
            }

            @Override
            public void out(long port, long value) {
                hp.write(port - S3PciHotplugStory.BASE, value, 4);
            }

            @Override
            public void reset() {
                hp.reset();
            }

            @Override
            public AcpiPciHotplug controller() {
                return hp;
            }
        };
    }
}
