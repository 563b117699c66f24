package dev.vmtrace.engine.testing;

import dev.vmtrace.engine.input.BadInputException;

/**
 * The one assertion every parser fuzz test makes about the exception it caught: bad input is
 * located (a byte offset inside the input, or a line number), so the CLI can name the place.
 * Any other exception, an {@link OutOfMemoryError} or a hang escapes the fuzz target and is a
 * finding (docs/reliability.md).
 */
public final class FuzzChecks {
    private FuzzChecks() {
    }

    /** Fails unless {@code e} carries an offset in {@code [0, inputLength]}. */
    public static void hasOffset(BadInputException e, long inputLength) {
        if (e.offset() < 0 || e.offset() > inputLength) {
            throw new AssertionError("offset " + e.offset() + " outside [0, " + inputLength + "]: " + e.getMessage(), e);
        }
        hasProblem(e);
    }

    /** Fails unless {@code e} carries a line number in {@code [1, lines]}. */
    public static void hasLine(BadInputException e, long lines) {
        if (e.line() < 1 || e.line() > lines) {
            throw new AssertionError("line " + e.line() + " outside [1, " + lines + "]: " + e.getMessage(), e);
        }
        hasProblem(e);
    }

    /** Fails unless {@code e} is located at all (offset or line). */
    public static void located(BadInputException e) {
        if (e.offset() < 0 && e.line() < 1) {
            throw new AssertionError("bad input without offset or line: " + e.getMessage(), e);
        }
        hasProblem(e);
    }

    private static void hasProblem(BadInputException e) {
        if (e.problem() == null || e.problem().isBlank() || e.getMessage().indexOf('\n') >= 0) {
            throw new AssertionError("bad input must say what was wrong, on one line: " + e.getMessage(), e);
        }
    }

    /** Number of lines in {@code data} (a final line without newline counts). */
    public static long lines(byte[] data) {
        long n = 0;
        for (byte b : data) {
            if (b == '\n') {
                n++;
            }
        }
        return data.length > 0 && data[data.length - 1] != '\n' ? n + 1 : Math.max(n, 1);
    }
}
