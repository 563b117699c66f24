package dev.vmtrace.trace;

/** A system management interrupt was raised, e.g. by an APM control write ({@code command}). */
public record SmiRaised(long seq, long time, int vcpu, int command) implements TraceEvent {
    @Override
    public EventType type() {
        return EventType.SMI_RAISED;
    }
}
