package dev.vmtrace.trace.qemu;

import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them, for fast importers: after
 * {@link #next()} returns true the line is {@code buf()[start(), end())} (no line terminator, a
 * trailing CR dropped). Lines are capped at {@link #MAX_LINE} bytes.
 */
public final class LineSource {
    /** Longest line accepted (documented cap: 1 MiB). */
    public static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final String source;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    private long lineNo;
    private boolean lastUnterminated;

    public LineSource(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Advances to the next line; false at the end of the input. */
    public boolean next() throws IOException, BadInputException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    start = pos;
                    end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    lineNo++;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    pos = limit;
                    lineNo++;
                    lastUnterminated = true;
                    return true;
                }
                return false;
            }
            if (limit - pos >= MAX_LINE) {
                throw BadInputException.atLine(source, lineNo + 1, "line longer than the " + MAX_LINE + "-byte cap");
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n;
            try {
                n = in.read(buf, limit, buf.length - limit);
            } catch (java.io.EOFException e) {
                // A compressed input cut short (a killed capture): what was decoded stands.
                n = -1;
            } catch (java.util.zip.ZipException e) {
                throw BadInputException.atLine(source, lineNo + 1, "corrupt compressed input: " + e.getMessage(), e);
            }
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    /**
     * Makes at least {@code n} bytes available from {@link #pos()} unless the input ends first,
     * and returns how many are available. For parsers that find the line end themselves.
     */
    public int peek(int n) throws IOException, BadInputException {
        while (limit - pos < n && !eof) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int r;
            try {
                r = in.read(buf, limit, buf.length - limit);
            } catch (java.io.EOFException e) {
                r = -1;
            } catch (java.util.zip.ZipException e) {
                throw BadInputException.atLine(source, lineNo + 1, "corrupt compressed input: " + e.getMessage(), e);
            }
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit - pos;
    }

    /** Where the next line starts in {@link #buf()}. */
    public int pos() {
        return pos;
    }

    /**
     * Accepts the line {@code [pos(), lineEnd)} that a parser found itself ({@code buf()[lineEnd]}
     * is its newline): it becomes the current line, and the next one starts after it.
     */
    public void accept(int lineEnd) {
        start = pos;
        end = lineEnd;
        pos = lineEnd + 1;
        lineNo++;
    }

    public byte[] buf() {
        return buf;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** 1-based number of the current line. */
    public long lineNo() {
        return lineNo;
    }

    /** True when the current line is the last one and had no line terminator. */
    public boolean unterminated() {
        return lastUnterminated;
    }
}
