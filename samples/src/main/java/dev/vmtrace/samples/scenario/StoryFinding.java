package dev.vmtrace.samples.scenario;

import java.util.Objects;

/**
 * One thing a story run found, as data: a stable code, the variant (policy, release, machine type
 * or migration pair) it was found under, where (register, port, field, RAM block), a sentence, and
 * the evidence (the step and the values).
 */
public record StoryFinding(String code, String severity, String variant, String path, String message, String evidence) {
    public StoryFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? "" : evidence;
    }

    /** An error finding: behaviour that breaks the guest or the migration. */
    public static StoryFinding error(String code, String variant, String path, String message, String evidence) {
        return new StoryFinding(code, "error", variant, path, message, evidence);
    }

    /** An informational finding: worth knowing, breaks nothing. */
    public static StoryFinding info(String code, String variant, String path, String message, String evidence) {
        return new StoryFinding(code, "info", variant, path, message, evidence);
    }

    public boolean isError() {
        return "error".equals(severity);
    }
}
