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
    byte[] kind = new byte[1024];
    int[] cpu = new int[1024];
    long[] mr = new long[1024];
    long[] addr = new long[1024];
    long[] value = new long[1024];
    long[] time = new long[1024];
    byte[] size = new byte[1024];
    /** Access: region name range. Other: event name range. */
    int[] nameStart = new int[1024];
    int[] nameEnd = new int[1024];
    /** Other: text range. */
    int[] textStart = new int[1024];
    int[] textEnd = new int[1024];
    String error;

    TokenBlock(byte[] buf) {
        this.buf = buf;
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
