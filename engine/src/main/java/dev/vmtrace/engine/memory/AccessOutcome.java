package dev.vmtrace.engine.memory;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one guest access: the access (with the value the guest saw, for reads) and the
 * device-level dispatches it became, in order.
 */
public record AccessOutcome(GuestAccess access, List<Dispatch> dispatches) {
    /** Copies the dispatch list. */
    public AccessOutcome {
        Objects.requireNonNull(access, "access");
        dispatches = List.copyOf(dispatches);
    }

    /** True when any piece reached a region the engine does not model (its value is not ours to claim). */
    public boolean touchesUnmodeled() {
        for (Dispatch d : dispatches) {
            if (d.kind() == DispatchKind.UNMODELED) {
                return true;
            }
        }
        return false;
    }
}
