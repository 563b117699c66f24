package dev.vmtrace.trace;

import java.util.Objects;

/** A host-side event; {@link HostEventKind} says what {@code argument} means. */
public record HostEvent(long seq, long time, HostEventKind kind, long argument) implements TraceEvent {
    public HostEvent {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public EventType type() {
        return EventType.HOST_EVENT;
    }
}
