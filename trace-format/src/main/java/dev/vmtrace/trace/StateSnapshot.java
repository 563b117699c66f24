package dev.vmtrace.trace;

import java.util.Objects;

/**
 * Device state at this point of the trace, as an opaque QEMU-format migration stream. Snapshots
 * are indexed: {@link TraceReader#seekToSnapshot(int)} jumps to one.
 *
 * @param label why it was taken ("periodic", "marker:NAME", ...)
 */
public record StateSnapshot(long seq, long time, String label, ImmutableBytes stream) implements TraceEvent {
    public StateSnapshot {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public EventType type() {
        return EventType.STATE_SNAPSHOT;
    }
}
