package dev.vmtrace.trace;

/** GPE status bit {@code bit} was set ({@code raised}) or cleared. */
public record GpeEvent(long seq, long time, int bit, boolean raised) implements TraceEvent {
    public GpeEvent {
        if (bit < 0) {
            throw new IllegalArgumentException("GPE bit must be >= 0: " + bit);
        }
    }

    @Override
    public EventType type() {
        return EventType.GPE;
    }
}
