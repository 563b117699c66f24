package dev.vmtrace.samples.scenario.s3;

import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.AccessSink;

/** What the S3 workload drives: a whole pc machine, or the PCI hotplug device model alone. */
interface HotplugTarget {
    long in(long port);

    void out(long port, long value);

    boolean add(int slot);

    boolean del(int slot);

    void reset();

    /** Whether bus-0 {@code slot} still holds a device (host view, no guest access). */
    boolean present(int slot);

    /** The {@code up} field as this target's saved state carries it. */
    long savedUp();

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
            public boolean add(int slot) {
                return hp.hotAdd(slot);
            }

            @Override
            public boolean del(int slot) {
                return hp.unplugRequest(slot);
            }

            @Override
            public void reset() {
                m.reset();
            }

            @Override
            public boolean present(int slot) {
                return hp.slotPresent(slot);
            }

            @Override
            public long savedUp() {
                return hp.state().up(0);
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
            public boolean add(int slot) {
                return hp.hotAdd(slot);
            }

            @Override
            public boolean del(int slot) {
                return hp.unplugRequest(slot);
            }

            @Override
            public void reset() {
                hp.reset();
            }

            @Override
            public boolean present(int slot) {
                return hp.slotPresent(slot);
            }

            @Override
            public long savedUp() {
                return hp.state().up(0);
            }
        };
    }
}
