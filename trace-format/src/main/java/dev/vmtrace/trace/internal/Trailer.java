package dev.vmtrace.trace.internal;

/** Written once at clean close: proves the trace is complete and gives its totals. */
public record Trailer(long eventCount, long chunkCount, int regionCount, int snapshotCount) {
}
