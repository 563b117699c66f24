package dev.vmtrace.trace.qemu;

import java.util.Arrays;

/**
 * The lines of one block of a QEMU log, tokenized (by {@link LogTokenizer}, possibly on another
 * thread) into columns. Names and texts stay in the block's bytes, referenced by offsets.
 */
final class TokenBlock {
    static final byte READ = 0;
    static final byte WRITE = 1;
    static final byte OTHER = 2;
    static final byte BLANK = 3;
    static final byte TRUNCATED = 4;
    static final byte ERROR = 5;
    /** No timestamp on the line: the time of the line before applies. */
    static final long NO_TIME = Long.MIN_VALUE;

    final byte[] buf;
    int count;
    byte[] kind;
    int[] cpu;
    long[] mr;
    long[] addr;
    long[] value;
    long[] time;
    byte[] size;
    /** Access: region name range. Other: event name range. */
    int[] nameStart;
    int[] nameEnd;
    /** Other: text range. */
    int[] textStart;
    int[] textEnd;
    String error;

    /** A block for {@code bytes} of log; sized for QEMU's typical 80-100 byte lines (grows if needed). */
    TokenBlock(byte[] buf, int bytes) {
        this.buf = buf;
        int n = bytes / 72 + 16;
        kind = new byte[n];
        cpu = new int[n];
        mr = new long[n];
        addr = new long[n];
        value = new long[n];
        time = new long[n];
        size = new byte[n];
        nameStart = new int[n];
        nameEnd = new int[n];
        textStart = new int[n];
        textEnd = new int[n];
    }

    /** Index for one more line. */
    int add() {
        if (count == kind.length) {
            int n = count * 2;
            kind = Arrays.copyOf(kind, n);
            cpu = Arrays.copyOf(cpu, n);
            mr = Arrays.copyOf(mr, n);
            addr = Arrays.copyOf(addr, n);
            value = Arrays.copyOf(value, n);
            time = Arrays.copyOf(time, n);
            size = Arrays.copyOf(size, n);
            nameStart = Arrays.copyOf(nameStart, n);
            nameEnd = Arrays.copyOf(nameEnd, n);
            textStart = Arrays.copyOf(textStart, n);
            textEnd = Arrays.copyOf(textEnd, n);
        }
        return count++;
    }
}
