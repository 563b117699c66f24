package dev.vmtrace.replay;

/**
 * A migration stream did not load into the destination machine: {@link #section()} names the
 * section that broke it ({@code configuration}, a device section id), the message the field and
 * reason as the state codec reported them.
 */
public final class MigrationLoadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String section;

    /** A failure in {@code section}. */
    public MigrationLoadException(String section, String message, Throwable cause) {
        super(message, cause);
        this.section = section;
    }

    /** The section that failed to load. */
    public String section() {
        return section;
    }
}
