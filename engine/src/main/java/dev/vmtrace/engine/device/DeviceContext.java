package dev.vmtrace.engine.device;

import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

/**
 * What the machine injects into every device: the virtual clock, a seeded random source, the
 * event sink, and the vCPU performing the current access (-1 for qtest and DMA). Devices never
 * read the host clock or create their own randomness, so replay feeds the same values back.
 */
public final class DeviceContext {
    private final Clock clock;
    private final RandomGenerator random;
    private final EventSink events;
    private final IntSupplier currentVcpu;

    /** A context from its parts. */
    public DeviceContext(Clock clock, RandomGenerator random, EventSink events, IntSupplier currentVcpu) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.events = Objects.requireNonNull(events, "events");
        this.currentVcpu = Objects.requireNonNull(currentVcpu, "currentVcpu");
    }

    public Clock clock() {
        return clock;
    }

    public RandomGenerator random() {
        return random;
    }

    public EventSink events() {
        return events;
    }

    /** The vCPU index doing the current access, or -1. */
    public int currentVcpu() {
        return currentVcpu.getAsInt();
    }

    /** Reports an event. */
    public void emit(DeviceEvent event) {
        events.event(event);
    }
}
