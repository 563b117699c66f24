package dev.vmtrace.trace;

/**
 * One event of a trace. Every event has a sequence number (its position in the trace, assigned by
 * the writer, starting at 0) and a virtual time in nanoseconds (0 when the source had no clock).
 *
 * <p>Writers ignore the {@code seq} an event carries and assign the next one; readers return the
 * stored one.
 */
public sealed interface TraceEvent
        permits RegionDefined, GuestAccess, Dispatch, HostEvent, SmiRaised, GpeEvent, FwCfgFile,
                QemuTraceEvent, StateSnapshot, CpuSync {
    /** Position in the trace, 0-based. */
    long seq();

    /** Virtual time in nanoseconds. */
    long time();

    /** The type this event is stored as. */
    EventType type();
}
