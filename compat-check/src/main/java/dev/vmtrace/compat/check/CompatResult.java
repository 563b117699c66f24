package dev.vmtrace.compat.check;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one compat check: the inputs, the findings in the order a destination meets them
 * (configuration, then source sections in stream order, then destination-only items), and the
 * verdict.
 *
 * @param source the source's origin name
 * @param destination the destination's origin name
 * @param findings all findings
 */
public record CompatResult(String source, String destination, List<Finding> findings) {
    public CompatResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        findings = List.copyOf(findings);
    }

    /** True when no finding is an error. */
    public boolean compatible() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** {@code "compatible"} or {@code "incompatible"}. */
    public String verdict() {
        return compatible() ? "compatible" : "incompatible";
    }

    /** The first error: where a destination stops loading; null when compatible. */
    public Finding firstError() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).findFirst().orElse(null);
    }

    /** Number of findings of {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
