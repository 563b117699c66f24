package dev.vmtrace.trace;

import java.util.List;

/**
 * What a reader found so far: whether the trace was closed cleanly, how many events it delivered,
 * what it had to skip. For a trace cut short (recorder killed) {@code complete} is false and
 * {@code eventsRead} is the number of salvaged events.
 *
 * @param complete the writer closed the trace cleanly (the trailer frame is present)
 * @param expectedEvents the event count the trailer states, or -1 without a trailer
 * @param eventsRead events delivered by the reader
 * @param chunksRead chunks decoded
 * @param eventsLost events known to be missing (sequence gaps left by skipped chunks)
 * @param unknownSkipped events of types this reader does not know, skipped
 * @param damage corrupt or truncated frames met, in order
 * @param frameBytes bytes of frames read (the stored size of what was read)
 * @param locationUnit "offset" (single file) or "excerpt index" (Chronicle queue)
 */
public record TraceStatus(boolean complete, long expectedEvents, long eventsRead, long chunksRead, long eventsLost,
                          long unknownSkipped, List<Damage> damage, long frameBytes, String locationUnit) {
    public TraceStatus {
        damage = List.copyOf(damage);
    }

    /** True when nothing was damaged and the trace is complete. */
    public boolean clean() {
        return complete && damage.isEmpty() && eventsLost == 0;
    }
}
