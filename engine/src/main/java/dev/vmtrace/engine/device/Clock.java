package dev.vmtrace.engine.device;

/** The virtual clock devices read (QEMU's QEMU_CLOCK_VIRTUAL), in nanoseconds. Injected. */
@FunctionalInterface
public interface Clock {
    /** Nanoseconds of virtual time since machine creation. */
    long nanos();
}
