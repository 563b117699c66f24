package dev.vmtrace.engine.memory;

import java.util.ArrayList;
import java.util.List;

/** An {@link AccessSink} that collects {@link Dispatch} records; reusable after {@link #clear()}. */
public final class OutcomeRecorder implements AccessSink {
    private final List<Dispatch> dispatches = new ArrayList<>();

    @Override
    public void dispatch(Region region, long address, long offset, int size, long value, DispatchKind kind,
                         String reason) {
        dispatches.add(new Dispatch(region.name(), region.instance(), address, offset, size, value, kind, reason));
    }

    /** The dispatches collected so far (a copy). */
    public List<Dispatch> dispatches() {
        return List.copyOf(dispatches);
    }

    /** Forgets collected dispatches. */
    public void clear() {
        dispatches.clear();
    }
}
