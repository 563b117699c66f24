package dev.vmtrace.trace;

/**
 * How a {@link TraceReader} seeks: through the index a cleanly closed trace carries (a
 * {@code VTIX} frame, docs/trace-format.md section 2.3), or by scanning frame headers from the
 * start (traces cut short, written before indexes existed, or with a damaged index).
 *
 * @param indexed true: {@link TraceReader#seekToSnapshot(int)} jumps through the index
 * @param snapshots snapshots listed in the index (0 when not indexed)
 * @param chunksIndexed true: {@link TraceReader#seek(long)} jumps through the index too
 * @param reason why seeking scans (null when indexed)
 */
public record IndexStatus(boolean indexed, int snapshots, boolean chunksIndexed, String reason) {
    /** A short text for reports: "indexed", or "not indexed: REASON". */
    public String describe() {
        return indexed ? "indexed" : "not indexed: " + reason;
    }
}
