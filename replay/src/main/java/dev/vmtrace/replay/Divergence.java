package dev.vmtrace.replay;

import java.util.Objects;

/**
 * One divergence between a trace and its replay, as data.
 *
 * @param kind what differs
 * @param seq the trace sequence number of the event where it shows (the guest access, snapshot
 *     or host event)
 * @param region the region label ({@code acpi-cpu-hotplug (legacy)}), the state section, or
 *     {@code -} when none applies
 * @param message one line for people, decoded with register names
 * @param expected what the trace has (rendered), or empty
 * @param actual what the replay did (rendered), or empty
 */
public record Divergence(DivergenceKind kind, long seq, String region, String message, String expected,
                         String actual) {
    /** Validates and normalises nulls to empty strings. */
    public Divergence {
        Objects.requireNonNull(kind, "kind");
        region = region == null ? "-" : region;
        Objects.requireNonNull(message, "message");
        expected = expected == null ? "" : expected;
        actual = actual == null ? "" : actual;
    }
}
