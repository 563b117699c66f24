package dev.vmtrace.compat.check;

import java.util.Objects;

/**
 * One result of a compat rule, as data.
 *
 * @param severity error, warning or info
 * @param code a stable code from {@link FindingCode} (documented in docs/findings.md)
 * @param path where: {@code configuration}, a section key, {@code section > field.path},
 *        {@code section > [subsection] > field}, or {@code ram > block id}
 * @param message one sentence for people
 * @param evidence the facts the rule used: values from both sides, the inputs, the rule's name
 * @param section the stream section a destination stops at for this finding ({@code "ram"} for RAM
 *        blocks, {@code "configuration"} for the configuration section)
 */
public record Finding(Severity severity, String code, String path, String message, String evidence, String section) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? "" : evidence;
        section = section == null ? path : section;
    }

    /** A finding with {@code code}'s default severity. */
    public static Finding of(FindingCode code, String path, String message, String evidence, String section) {
        return new Finding(code.severity(), code.name(), path, message, evidence, section);
    }

    /** The same finding with another severity. */
    public Finding withSeverity(Severity s) {
        return new Finding(s, code, path, message, evidence, section);
    }
}
