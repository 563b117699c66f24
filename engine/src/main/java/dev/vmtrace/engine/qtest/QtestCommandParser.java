package dev.vmtrace.engine.qtest;

import dev.vmtrace.engine.qtest.QtestSyntaxException.Problem;
import dev.vmtrace.engine.state.Bytes;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one line of qtest command text into a {@link QtestRequest}: vmtrace's one reading of the
 * qtest grammar (formats.md section 2), shared by the qtest server ({@link QtestSession}), the
 * qtest importer and the record workloads. Both dialects share the verbs, their argument counts
 * and the number syntax:
 * <ul>
 * <li>{@link #qemu()} reads a line as QEMU 7.2's qtest server does: words are split at every
 * single space (two spaces make an empty word), words past a verb's arguments are ignored,
 * {@code write} hex is decoded leniently (a non-hex digit counts as all ones; missing digits
 * leave zeros), {@code write}/{@code b64write} data shorter than 3 characters is
 * {@link Problem#SHORT_DATA} (QEMU replies {@code ERR}). Every bulk length ({@code read},
 * {@code write}, {@code b64read}, {@code b64write}, {@code memset}) is capped at
 * {@link #MAX_BULK}, checked after QEMU's own checks: QEMU would allocate it.
 * <li>{@link #script(long)} reads scripts and logs that people and tools write: words are split
 * at runs of white space, a verb takes exactly its arguments, {@code write} data is {@code 0x}
 * and two hex digits per byte, and {@code read}/{@code write} lengths are within 1..cap (the
 * commands a script's reader turns into accesses; {@code b64write} data is bounded by its line).
 * </ul>
 * Numbers are read as QEMU's {@code qemu_strtou64}/{@code qemu_strtoi64} with base 0 read them:
 * decimal, {@code 0x} hex or leading-{@code 0} octal, an optional sign (a negative unsigned
 * number wraps), the whole word. Addresses, values, lengths and patterns are unsigned 64-bit,
 * clock times signed 64-bit, {@code set_irq_in}'s line and level signed 32-bit. Ports are at most
 * 0xffff. Checks run in QEMU's order, so the first problem reported is the one QEMU hits first.
 * Instances are immutable and thread-safe.
 */
public final class QtestCommandParser {
    /** Ceiling of every bulk length cap: 16 MiB (QEMU has none; it allocates what it is told). */
    public static final long MAX_BULK = 16L << 20;

    private static final Map<String, Spelling> WORDS = words();

    private final boolean qemu;
    private final long maxBulk;

    private QtestCommandParser(boolean qemu, long maxBulk) {
        this.qemu = qemu;
        this.maxBulk = maxBulk;
    }

    /** The parser that reads lines as QEMU 7.2's qtest server does, bulk lengths capped at {@link #MAX_BULK}. */
    public static QtestCommandParser qemu() {
        return new QtestCommandParser(true, MAX_BULK);
    }

    /**
     * The parser for qtest scripts and logs, {@code read}/{@code write} lengths within
     * 1..{@code maxBulk}.
     *
     * @throws IllegalArgumentException when {@code maxBulk} is outside 1..{@link #MAX_BULK}
     */
    public static QtestCommandParser script(long maxBulk) {
        if (maxBulk < 1 || maxBulk > MAX_BULK) {
            throw new IllegalArgumentException("bulk cap " + maxBulk + " is outside 1.." + MAX_BULK);
        }
        return new QtestCommandParser(false, maxBulk);
    }

    /** The longest bulk length this parser accepts. */
    public long maxBulk() {
        return maxBulk;
    }

    /**
     * Parses one command line (without its newline).
     *
     * @throws QtestSyntaxException when the line is no command this dialect accepts
     */
    public QtestRequest parse(String line) throws QtestSyntaxException {
        String[] words = qemu ? line.split(" ", -1) : line.strip().split("\\s+");
        if (words.length == 1 && words[0].isEmpty()) {
            throw new QtestSyntaxException(Problem.EMPTY, "", null, "empty command");
        }
        Spelling s = WORDS.get(words[0]);
        if (s == null) {
            throw new QtestSyntaxException(Problem.UNKNOWN_COMMAND, words[0], null,
                    "unknown qtest command '" + words[0] + "'");
        }
        return new Line(words, s).command();
    }

    /**
     * One number as qtest reads an address or value ({@code qemu_strtou64}, base 0; a negative
     * number wraps), for text around commands such as replies and directives.
     *
     * @throws QtestSyntaxException ({@link Problem#BAD_NUMBER}) when {@code word} is no such number
     */
    public static long parseNumber(String word) throws QtestSyntaxException {
        Long v = QtestNumbers.parseU64(word);
        if (v == null) {
            throw new QtestSyntaxException(Problem.BAD_NUMBER, null, null, badNumber(word));
        }
        return v;
    }

    private static String badNumber(String word) {
        return "expected a number, found '" + word + "'";
    }

    private static Map<String, Spelling> words() {
        Map<String, Spelling> m = new HashMap<>();
        for (QtestVerb v : QtestVerb.values()) {
            if (v.sized()) {
                for (int size : v.sizes()) {
                    m.put(v.word(size), new Spelling(v, size));
                }
            } else {
                m.put(v.word(0), new Spelling(v, 0));
            }
        }
        return Map.copyOf(m);
    }

    /** A command word: verb and access size. */
    private record Spelling(QtestVerb verb, int size) {
    }

    /** The words of one line with a known command word. */
    private final class Line {
        private final String[] w;
        private final QtestVerb verb;
        private final int size;

        Line(String[] words, Spelling s) {
            this.w = words;
            this.verb = s.verb();
            this.size = s.size();
        }

        QtestRequest command() throws QtestSyntaxException {
            int args = w.length - 1;
            if (args < verb.minArguments()) {
                throw fail(Problem.MISSING_ARGUMENTS, takes());
            }
            if (!qemu && args > verb.maxArguments()) {
                throw fail(Problem.EXTRA_ARGUMENTS, takes());
            }
            switch (verb) {
                case OUT:
                case WRITE: {
                    long addr = u64(1);
                    long value = u64(2);
                    return make(port(addr), value, 0, Bytes.EMPTY);
                }
                case IN:
                case READ:
                    return make(port(u64(1)), 0, 0, Bytes.EMPTY);
                case BULK_READ:
                case B64_READ: {
                    long addr = u64(1);
                    return make(addr, 0, length(u64(2)), Bytes.EMPTY);
                }
                case MEMSET: {
                    long addr = u64(1);
                    long len = u64(2);
                    long pattern = u64(3);
                    return make(addr, pattern, length(len), Bytes.EMPTY);
                }
                case BULK_WRITE:
                    return bulkWrite();
                case B64_WRITE:
                    return b64Write();
                case CLOCK_STEP:
                case CLOCK_SET:
                    return make(0, args > 0 ? i64(1) : 0, 0, Bytes.EMPTY);
                case SET_IRQ_IN: {
                    long line = i32(3);
                    return make(line, i32(4), 0, Bytes.EMPTY);
                }
                default:
                    return make(0, 0, 0, Bytes.EMPTY);
            }
        }

        private QtestRequest bulkWrite() throws QtestSyntaxException {
            long addr = u64(1);
            long len = u64(2);
            if (qemu) {
                shortData();
            }
            length(len);
            return make(addr, 0, len, qemu ? lenientHex(w[3], len) : strictHex(w[3], len));
        }

        private QtestRequest b64Write() throws QtestSyntaxException {
            long addr = u64(1);
            long len = u64(2);
            shortData();
            byte[] decoded;
            try {
                decoded = Base64.getMimeDecoder().decode(w[3]);
            } catch (IllegalArgumentException e) {
                throw fail(Problem.BAD_DATA, "b64write: malformed base64 (GLib's lenient decoder not modeled)");
            }
            length(len);
            // QEMU writes len bytes whatever the data decodes to; keep what fits, the rest is zeros
            int keep = Long.compareUnsigned(decoded.length, len) <= 0 ? decoded.length : (int) len;
            return make(addr, 0, len, Bytes.of(decoded, 0, keep));
        }

        private QtestRequest make(long address, long value, long length, Bytes data) {
            return new QtestRequest(verb, size, address, value, length, data, Arrays.asList(w).subList(1, w.length));
        }

        /** QEMU's hex reading: pairs after the first two characters, as many as fit in len. */
        private Bytes lenientHex(String hex, long len) {
            byte[] b = new byte[(int) Math.min(len, (hex.length() - 2) / 2)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (QtestNumbers.hexDigit(hex.charAt(2 * i + 2)) << 4 | QtestNumbers.hexDigit(hex.charAt(2 * i + 3)));
            }
            return Bytes.of(b);
        }

        private Bytes strictHex(String hex, long len) throws QtestSyntaxException {
            if (!hex.startsWith("0x") || hex.length() != 2 + 2 * len) {
                throw fail(Problem.BAD_DATA, "write data must be 0x and " + (2 * len) + " hex digits");
            }
            byte[] b = new byte[(int) len];
            for (int i = 0; i < b.length; i++) {
                int hi = QtestNumbers.hexDigit(hex.charAt(2 * i + 2));
                int lo = QtestNumbers.hexDigit(hex.charAt(2 * i + 3));
                if (hi < 0 || lo < 0) {
                    throw fail(Problem.BAD_DATA, "bad hex digit in write data");
                }
                b[i] = (byte) (hi << 4 | lo);
            }
            return Bytes.of(b);
        }

        private void shortData() throws QtestSyntaxException {
            if (w[3].length() < 3) {
                throw fail(Problem.SHORT_DATA, "data shorter than 3 characters (QEMU replies ERR invalid argument size)");
            }
        }

        /** Applies this dialect's length rules to a bulk command's length. */
        private long length(long len) throws QtestSyntaxException {
            if (qemu) {
                if (verb == QtestVerb.BULK_READ && len == 0) {
                    throw fail(Problem.ZERO_LENGTH, "'read' of length 0");
                }
                if (Long.compareUnsigned(len, maxBulk) > 0) {
                    throw fail(Problem.LENGTH_CAP, "length " + Long.toUnsignedString(len) + " exceeds vmtrace's cap of "
                            + maxBulk + " bytes");
                }
            } else if (verb == QtestVerb.BULK_READ || verb == QtestVerb.BULK_WRITE) {
                if (len < 1 || len > maxBulk) {
                    throw fail(len == 0 ? Problem.ZERO_LENGTH : Problem.LENGTH_CAP,
                            "length " + len + " is outside 1.." + maxBulk);
                }
            }
            return len;
        }

        private long port(long addr) throws QtestSyntaxException {
            if ((verb == QtestVerb.OUT || verb == QtestVerb.IN) && Long.compareUnsigned(addr, 0xffff) > 0) {
                throw fail(Problem.PORT_RANGE, "port 0x" + Long.toHexString(addr) + " is above 0xffff");
            }
            return addr;
        }

        private long u64(int i) throws QtestSyntaxException {
            return number(i, QtestNumbers.parseU64(w[i]));
        }

        private long i64(int i) throws QtestSyntaxException {
            return number(i, QtestNumbers.parseI64(w[i]));
        }

        private long i32(int i) throws QtestSyntaxException {
            Long v = QtestNumbers.parseI64(w[i]);
            return number(i, v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : v);
        }

        private long number(int i, Long v) throws QtestSyntaxException {
            if (v == null) {
                throw fail(Problem.BAD_NUMBER, badNumber(w[i]));
            }
            return v;
        }

        private String takes() {
            int n = verb.maxArguments();
            if (verb.minArguments() != n) {
                return w[0] + " takes at most " + (n == 1 ? "one argument" : n + " arguments");
            }
            return "'" + w[0] + "' takes " + n + " argument" + (n == 1 ? "" : "s");
        }

        private QtestSyntaxException fail(Problem p, String message) {
            return new QtestSyntaxException(p, w[0], verb, message);
        }
    }
}
