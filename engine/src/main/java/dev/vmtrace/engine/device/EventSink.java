package dev.vmtrace.engine.device;

/** Where devices report {@link DeviceEvent}s. */
@FunctionalInterface
public interface EventSink {
    /** Ignores events. */
    EventSink DISCARD = e -> { };

    void event(DeviceEvent event);
}
