package dev.vmtrace.trace;

import java.util.Objects;

/**
 * A device-level dispatch of the guest access {@code accessSeq}: {@code size} bytes at
 * {@code offset} inside region {@code region} (0 when no region received it), with the value the
 * device received (writes) or returned (reads, before masking), and what happened.
 */
public record Dispatch(long seq, long time, long accessSeq, int region, long offset, int size, long value,
                       DispatchOutcome outcome) implements TraceEvent {
    public Dispatch {
        Objects.requireNonNull(outcome, "outcome");
        if (size < 1 || size > 8) {
            throw new IllegalArgumentException("dispatch size must be 1..8: " + size);
        }
        if (region < 0) {
            throw new IllegalArgumentException("region id must be >= 0: " + region);
        }
    }

    @Override
    public EventType type() {
        return EventType.DISPATCH;
    }
}
