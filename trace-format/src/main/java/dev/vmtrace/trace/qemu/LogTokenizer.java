package dev.vmtrace.trace.qemu;

import java.nio.charset.StandardCharsets;

/**
 * Splits a block of QEMU log bytes into lines and parses the access lines' fields, without
 * creating strings. Runs on worker threads: it only reads its block and writes its
 * {@link TokenBlock}. The first malformed access line ends the block with an {@code ERROR} token
 * (the importer reports it with its line number once every line before it is written).
 */
final class LogTokenizer {
    private static final byte[] READ_SP = "memory_region_ops_read ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRITE_SP = "memory_region_ops_write ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_CPU = "cpu ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_MR = " mr 0x".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_ADDR = " addr 0x".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_VALUE = " value 0x".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_SIZE = " size ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_NAME = " name '".getBytes(StandardCharsets.US_ASCII);

    private final byte[] b;
    private int p;
    private int e;
    private int lineStart;

    private LogTokenizer(byte[] b) {
        this.b = b;
    }

    /** Thrown inside the tokenizer for a malformed line; carries the problem and column. */
    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * Tokenizes {@code buf[from, to)}: whole lines, each ending with a newline, except that the
     * last line of the input ({@code last}) may lack one.
     */
    static TokenBlock tokenize(byte[] buf, int from, int to, boolean last) {
        TokenBlock t = new TokenBlock(buf, to - from);
        LogTokenizer z = new LogTokenizer(buf);
        int pos = from;
        while (pos < to) {
            int i = t.add();
            z.lineStart = pos;
            z.p = pos;
            z.e = to;
            try {
                pos = z.line(t, i, last);
            } catch (Bad ex) {
                t.kind[i] = TokenBlock.ERROR;
                t.error = ex.getMessage() + " at column " + (z.p - z.lineStart + 1);
                return t;
            }
        }
        return t;
    }

    /** Parses the line at {@code p}; returns where the next line starts. */
    private int line(TokenBlock t, int i, boolean last) throws Bad {
        t.time[i] = TokenBlock.NO_TIME;
        if (p < e && b[p] >= '0' && b[p] <= '9' && hasTimestamp()) {
            t.time[i] = timestamp();
        }
        boolean read = starts(READ_SP);
        if (read || starts(WRITE_SP)) {
            p += read ? READ_SP.length : WRITE_SP.length;
            int nl = -1;
            Bad failure = null;
            try {
                fields(t, i);
                int nameStart = p;
                while (p < e && b[p] != '\n') {
                    p++;
                }
                nl = p;
                int end = nl > nameStart && b[nl - 1] == '\r' ? nl - 1 : nl;
                if (end - 1 < nameStart || b[end - 1] != '\'') {
                    throw new Bad("region name does not end with a quote");
                }
                t.nameStart[i] = nameStart;
                t.nameEnd[i] = end - 1;
                t.kind[i] = read ? TokenBlock.READ : TokenBlock.WRITE;
            } catch (Bad ex) {
                failure = ex;
            }
            if (nl < 0) {
                nl = lineEnd(p);
            }
            if (nl >= e && last) {
                // The unterminated last line of a killed run: keep it only if it parsed whole.
                if (failure != null) {
                    t.kind[i] = TokenBlock.TRUNCATED;
                }
                return e;
            }
            if (failure != null) {
                throw failure;
            }
            return nl + 1;
        }
        int nl = lineEnd(p);
        if (nl - lineStart > QemuLogImporter.MAX_LINE) {
            throw new Bad("line longer than the " + QemuLogImporter.MAX_LINE + "-byte cap");
        }
        if (nl >= e && last) {
            t.kind[i] = TokenBlock.TRUNCATED;
            return e;
        }
        int end = nl > lineStart && b[nl - 1] == '\r' ? nl - 1 : nl;
        if (end == lineStart) {
            t.kind[i] = TokenBlock.BLANK;
            return nl + 1;
        }
        int nameStart = p;
        while (p < end && b[p] != ' ') {
            p++;
        }
        t.kind[i] = TokenBlock.OTHER;
        t.nameStart[i] = nameStart;
        t.nameEnd[i] = p;
        t.textStart[i] = p < end ? p + 1 : end;
        t.textEnd[i] = end;
        return nl + 1;
    }

    private int lineEnd(int from) {
        int q = from;
        while (q < e && b[q] != '\n') {
            q++;
        }
        return q;
    }

    private boolean starts(byte[] word) {
        if (e - p < word.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (b[p + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    private void fields(TokenBlock t, int i) throws Bad {
        keyword(K_CPU, "cpu");
        boolean neg = p < e && b[p] == '-';
        if (neg) {
            p++;
        }
        long cpu = decimal("cpu index");
        if (cpu > Integer.MAX_VALUE) {
            throw new Bad("cpu index out of range");
        }
        t.cpu[i] = (int) (neg ? -cpu : cpu);
        keyword(K_MR, "mr 0x");
        t.mr[i] = hex("mr");
        keyword(K_ADDR, "addr 0x");
        t.addr[i] = hex("addr");
        keyword(K_VALUE, "value 0x");
        t.value[i] = hex("value");
        keyword(K_SIZE, "size");
        long size = decimal("size");
        if (size < 1 || size > 8) {
            throw new Bad("access size " + size + " is not 1..8");
        }
        t.size[i] = (byte) size;
        keyword(K_NAME, "name '");
    }

    private boolean hasTimestamp() {
        for (int k = p; k < e && k < p + 24; k++) {
            if (b[k] == '@') {
                return true;
            }
            if (b[k] < '0' || b[k] > '9') {
                return false;
            }
        }
        return false;
    }

    /** {@code <tid>@<sec>.<usec>:} as nanoseconds. */
    private long timestamp() throws Bad {
        decimal("thread id");
        expect('@');
        long sec = decimal("seconds");
        expect('.');
        long usec = decimal("microseconds");
        expect(':');
        if (sec > 9_000_000_000L || usec > 999_999_999L) {
            throw new Bad("timestamp out of range");
        }
        return (sec * 1_000_000 + usec) * 1000;
    }

    private void keyword(byte[] k, String what) throws Bad {
        int n = k.length;
        if (e - p < n) {
            throw new Bad("expected '" + what + "'");
        }
        for (int j = 0; j < n; j++) {
            if (b[p + j] != k[j]) {
                throw new Bad("expected '" + what + "'");
            }
        }
        p += n;
    }

    private void expect(char c) throws Bad {
        if (p >= e || b[p] != c) {
            throw new Bad("expected '" + c + "'");
        }
        p++;
    }

    private long hex(String what) throws Bad {
        int s = p;
        long v = 0;
        while (p < e) {
            int c = b[p];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                break;
            }
            v = v << 4 | d;
            p++;
        }
        if (p == s || p - s > 16) {
            throw new Bad("expected a hex " + what + " of 1 to 16 digits");
        }
        return v;
    }

    private long decimal(String what) throws Bad {
        int s = p;
        long v = 0;
        while (p < e && b[p] >= '0' && b[p] <= '9') {
            v = v * 10 + (b[p] - '0');
            p++;
        }
        if (p == s || p - s > 18) {
            throw new Bad("expected a decimal " + what);
        }
        return v;
    }
}
