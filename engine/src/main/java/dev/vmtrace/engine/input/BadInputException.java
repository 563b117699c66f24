package dev.vmtrace.engine.input;

import java.util.Objects;

/**
 * Untrusted input (a trace, a migration stream, a dump, a script) did not have the shape it must
 * have. Carries where: the source name and either a byte offset or a line number, and what was
 * expected there. Every parser in vmtrace reports bad input with this type (or a subclass) and
 * nothing else; the CLI turns it into exit code 3 with a one-line message.
 */
public class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Marker for "no byte offset known". */
    public static final long NO_OFFSET = -1;
    /** Marker for "no line number known". */
    public static final long NO_LINE = -1;

    private final String source;
    private final long offset;
    private final long line;
    private final String problem;

    private BadInputException(String source, long offset, long line, String problem, Throwable cause) {
        super(format(source, offset, line, printable(problem)), cause);
        this.source = Objects.requireNonNullElse(source, "<input>");
        this.offset = offset;
        this.line = line;
        this.problem = printable(problem);
    }

    /** Bad bytes at {@code offset} of a binary source. */
    public static BadInputException atOffset(String source, long offset, String problem) {
        return new BadInputException(source, offset, NO_LINE, problem, null);
    }

    /** Same, with the low-level cause kept for {@code --debug}. */
    public static BadInputException atOffset(String source, long offset, String problem, Throwable cause) {
        return new BadInputException(source, offset, NO_LINE, problem, cause);
    }

    /** A bad line (1-based) of a text source. */
    public static BadInputException atLine(String source, long line, String problem) {
        return new BadInputException(source, NO_OFFSET, line, problem, null);
    }

    /** A bad line (1-based) of a text source, with the cause kept. */
    public static BadInputException atLine(String source, long line, String problem, Throwable cause) {
        return new BadInputException(source, NO_OFFSET, line, problem, cause);
    }

    /** Input that cannot be read at all (missing file, unreadable directory). */
    public static BadInputException unreadable(String source, String problem, Throwable cause) {
        return new BadInputException(source, NO_OFFSET, NO_LINE, problem, cause);
    }

    /** Re-labels this error with a source name, keeping offset, line and problem. */
    public BadInputException withSource(String newSource) {
        return new BadInputException(newSource, offset, line, problem, getCause());
    }

    public String source() {
        return source;
    }

    /** Byte offset in the source, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }

    /** 1-based line in the source, or {@link #NO_LINE}. */
    public long line() {
        return line;
    }

    /** What was wrong, without the location. */
    public String problem() {
        return problem;
    }

    /**
     * Problems quote input (names, lines); control characters in them would break the one-line
     * report and could drive a terminal, so they are shown as escapes (found by fuzzing).
     */
    private static String printable(String s) {
        if (s == null) {
            return "bad input";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String format(String source, long offset, long line, String problem) {
        StringBuilder sb = new StringBuilder(Objects.requireNonNullElse(source, "<input>"));
        if (offset >= 0) {
            sb.append(": offset ").append(offset).append(" (0x").append(Long.toHexString(offset)).append(')');
        } else if (line >= 0) {
            sb.append(": line ").append(line);
        }
        return sb.append(": ").append(problem).toString();
    }
}
