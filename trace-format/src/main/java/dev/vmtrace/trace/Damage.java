package dev.vmtrace.trace;

/**
 * Stored data a reader could not use: where it is ({@code location}, a file offset or a Chronicle
 * excerpt index, see {@link TraceStatus#locationUnit()}) and what was wrong with it.
 */
public record Damage(long location, String problem) {
}
