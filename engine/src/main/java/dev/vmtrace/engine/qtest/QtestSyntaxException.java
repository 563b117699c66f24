package dev.vmtrace.engine.qtest;

import dev.vmtrace.engine.input.BadInputException;

/**
 * A line of qtest text that {@link QtestCommandParser} does not accept. Carries what was wrong as
 * a {@link Problem}, so each caller answers in its own terms (the qtest server as QEMU does, the
 * importers as bad input with the line number); the message is a one-line description for people.
 */
public final class QtestSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the line. */
    public enum Problem {
        /** The line is empty (QEMU aborts on an empty command). */
        EMPTY,
        /** The first word is no qtest command. */
        UNKNOWN_COMMAND,
        /** Fewer arguments than the verb needs (QEMU aborts). */
        MISSING_ARGUMENTS,
        /** More arguments than the verb takes (scripts only; QEMU ignores them). */
        EXTRA_ARGUMENTS,
        /** An argument is not a number as QEMU reads it (QEMU aborts). */
        BAD_NUMBER,
        /** A port above 0xffff (QEMU aborts). */
        PORT_RANGE,
        /** A {@code read} of length 0 (QEMU aborts), or a script's {@code write} of length 0. */
        ZERO_LENGTH,
        /** A bulk length above the parser's cap (QEMU has none: vmtrace's limit). */
        LENGTH_CAP,
        /** {@code write}/{@code b64write} data shorter than 3 characters (QEMU replies {@code ERR}). */
        SHORT_DATA,
        /** Data QEMU would take but vmtrace cannot (malformed base64, or a script's bad hex). */
        BAD_DATA
    }

    private final Problem problem;
    private final String commandWord;
    private final QtestVerb verb;

    QtestSyntaxException(Problem problem, String commandWord, QtestVerb verb, String message) {
        super(message);
        this.problem = problem;
        this.commandWord = commandWord;
        this.verb = verb;
    }

    /** What was wrong. */
    public Problem problem() {
        return problem;
    }

    /**
     * The command word as written (empty for an empty line), or null when a lone number was
     * parsed ({@link QtestCommandParser#parseNumber}).
     */
    public String commandWord() {
        return commandWord;
    }

    /** The command's verb, or null when the line has no known command word. */
    public QtestVerb verb() {
        return verb;
    }

    /** The same error as bad input at {@code line} (1-based) of {@code source}. */
    public BadInputException toBadInput(String source, long line) {
        return BadInputException.atLine(source, line, getMessage(), this);
    }
}
