package dev.vmtrace.compat.gate;

import dev.vmtrace.compat.check.CompatResult;
import java.util.List;
import java.util.Objects;

/**
 * One checked direction of one artifact.
 *
 * @param artifact the artifact file name (a configuration or machine type)
 * @param direction {@code "baseline -> candidate"} or {@code "candidate -> baseline"}
 * @param result the compat result, or null when the artifact is missing on one side
 * @param allowlisted for each finding of {@code result}, whether the allowlist lists it
 * @param problem why there is no result (a missing artifact), or null
 */
public record GatePair(String artifact, String direction, CompatResult result, List<Boolean> allowlisted, String problem) {
    public GatePair {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(direction, "direction");
        allowlisted = List.copyOf(allowlisted);
    }

    /** Findings the allowlist does not list (a missing artifact counts as one). */
    public int unlisted() {
        if (result == null) {
            return 1;
        }
        int n = 0;
        for (boolean a : allowlisted) {
            n += a ? 0 : 1;
        }
        return n;
    }

    /** True when this pair passes the gate. */
    public boolean passes() {
        return unlisted() == 0;
    }
}
