package dev.vmtrace.compat.check;

/** How bad a finding is: only errors make a migration incompatible. */
public enum Severity {
    /** The destination will refuse or misread the stream. */
    ERROR,
    /** Cannot be decided from the inputs, or works only under conditions; not a failure. */
    WARNING,
    /** A difference the destination handles (resized RAM, extra destination device). */
    INFO;

    /** Lower-case name as reports print it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
