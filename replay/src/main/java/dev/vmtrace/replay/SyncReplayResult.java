package dev.vmtrace.replay;

import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of replaying a trace's ARM vCPU sync steps under one policy, as data.
 *
 * @param trace the trace's name
 * @param policy the policy replayed
 * @param recordedOn what the trace header says it was recorded on
 * @param events trace events read
 * @param syncSteps {@link dev.vmtrace.trace.CpuSync} events replayed
 * @param puts puts checked against the sync contract
 * @param divergences every register held wrongly after a put, in trace order
 * @param firstContext the rendered events around the first divergence (null when none)
 */
public record SyncReplayResult(String trace, SyncPolicy policy, String recordedOn, long events, long syncSteps,
                               long puts, List<SyncDivergence> divergences, ReplayResult.FirstDivergence firstContext) {
    public SyncReplayResult {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(policy, "policy");
        divergences = List.copyOf(divergences);
    }

    /** True when the hypervisor held the intended value after every put. */
    public boolean identical() {
        return divergences.isEmpty();
    }

    /** The first divergence, or null. */
    public SyncDivergence first() {
        return divergences.isEmpty() ? null : divergences.get(0);
    }

    /** {@code sync policy WRITEBACK (QEMU >= 4.1)}. */
    public String target() {
        return "sync policy " + policy.name() + " (" + policy.source() + ")";
    }

    /**
     * As a {@link ReplayResult}, so {@link ReplayReport} renders it (text, JSON, JUnit, HTML):
     * no accesses, divergences grouped by kind and {@code cpu N REGISTER}.
     */
    public ReplayResult toReplayResult() {
        List<Divergence> ds = new ArrayList<>();
        Map<String, Map<String, Long>> groups = new TreeMap<>();
        for (SyncDivergence d : divergences) {
            Divergence v = d.toDivergence();
            ds.add(v);
            groups.computeIfAbsent(v.kind().code(), k -> new TreeMap<>()).merge(v.region(), 1L, Long::sum);
        }
        ReplayResult.FirstDivergence first = ds.isEmpty() ? null
                : new ReplayResult.FirstDivergence(ds.get(0), firstContext == null ? List.of() : firstContext.before(),
                        firstContext == null ? "" : firstContext.at(), firstContext == null ? List.of() : firstContext.after());
        List<String> notes = List.of(String.format("%d ARM vCPU sync step(s) replayed, %d put(s) checked against the "
                + "sync contract (guest writes stay, emulator writes reach the hypervisor, reset values after a reset)",
                syncSteps, puts));
        return new ReplayResult(trace, target(), recordedOn, events, 0, 0, 0, 0, ds.size(), ds, first, groups,
                List.of(), null, notes);
    }
}
