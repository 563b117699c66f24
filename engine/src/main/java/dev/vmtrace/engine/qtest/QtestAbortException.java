package dev.vmtrace.engine.qtest;

import dev.vmtrace.engine.input.BadInputException;

/**
 * A qtest command that QEMU does not answer: QEMU 7.2 aborts on it (a failed
 * {@code g_assert}, e.g. a missing or malformed argument, or a port above 0xffff), or vmtrace
 * does not support it (IRQ interception, module loading). The session stops there; the CLI
 * reports it as bad input with the line number.
 */
public final class QtestAbortException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final boolean qemuAborts;

    QtestAbortException(long line, String message, boolean qemuAborts) {
        super(message);
        this.line = line;
        this.qemuAborts = qemuAborts;
    }

    /** The 1-based line of the command. */
    public long line() {
        return line;
    }

    /** True when real QEMU aborts on this command; false when only vmtrace cannot run it. */
    public boolean qemuAborts() {
        return qemuAborts;
    }

    /** The same error as bad input of {@code source}. */
    public BadInputException toBadInput(String source) {
        return BadInputException.atLine(source, line, getMessage(), this);
    }
}
