package dev.vmtrace.replay;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one replay, as data; {@link ReplayReport} renders it.
 *
 * @param trace the trace's name
 * @param target the engine replayed on ({@code pc-q35-7.2 release 5.1 tcg strict})
 * @param recordedOn what the trace header says it was recorded on
 * @param events trace events read
 * @param accesses guest accesses replayed
 * @param readsCompared reads whose value was compared
 * @param readsMatching compared reads that matched
 * @param unmodeled accesses that reached a region the engine does not model (values fed back
 *     from the trace, shapes still compared)
 * @param divergenceCount all divergences found
 * @param divergences the first {@link ReplayOptions#maxStored()} divergences, in trace order
 * @param first the first divergence with its context, or null
 * @param groups divergence counts by kind code, then by region
 * @param checkpoints one entry per state snapshot compared
 * @param migration what happened at {@code --migrate-at}, or null
 * @param notes remarks (incomplete trace, inferred placements, stopped early)
 */
public record ReplayResult(String trace, String target, String recordedOn, long events, long accesses,
                           long readsCompared, long readsMatching, long unmodeled, long divergenceCount,
                           List<Divergence> divergences, FirstDivergence first,
                           Map<String, Map<String, Long>> groups, List<Checkpoint> checkpoints,
                           MigrationInfo migration, List<String> notes) {
    /** Copies the collections. */
    public ReplayResult {
        Objects.requireNonNull(trace, "trace");
        divergences = List.copyOf(divergences);
        groups = Map.copyOf(groups);
        checkpoints = List.copyOf(checkpoints);
        notes = List.copyOf(notes);
    }

    /** True when nothing diverged. */
    public boolean identical() {
        return divergenceCount == 0;
    }

    /** Divergences of kinds the guest can see (all but split/widened/shape-only ones). */
    public long guestVisibleCount() {
        long n = 0;
        for (Map.Entry<String, Map<String, Long>> e : groups.entrySet()) {
            DivergenceKind k = DivergenceKind.ofCode(e.getKey());
            if (k != null && k.guestVisible()) {
                for (long c : e.getValue().values()) {
                    n += c;
                }
            }
        }
        return n;
    }

    /** {@code identical} or {@code divergent}. */
    public String verdict() {
        return identical() ? "identical" : "divergent";
    }

    /**
     * The first divergence and the trace events around it.
     *
     * @param divergence the divergence
     * @param before up to N rendered events before it
     * @param at the rendered event where it shows
     * @param after up to N rendered events after it
     */
    public record FirstDivergence(Divergence divergence, List<String> before, String at, List<String> after) {
        public FirstDivergence {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }

    /**
     * One state snapshot compared.
     *
     * @param seq the snapshot's sequence number
     * @param label why it was taken
     * @param differences the fields that differ
     */
    public record Checkpoint(long seq, String label, List<StateDiff.Difference> differences) {
        public Checkpoint {
            differences = List.copyOf(differences);
        }
    }

    /**
     * A migration mid-replay.
     *
     * @param atSeq where it happened
     * @param from the source engine
     * @param to the destination engine
     * @param streamBytes size of the stream saved on the source
     * @param loaded whether the destination loaded it
     * @param section the section that broke the load, or null
     * @param error the load error, or null
     */
    public record MigrationInfo(long atSeq, String from, String to, int streamBytes, boolean loaded, String section,
                                String error) {
    }
}
