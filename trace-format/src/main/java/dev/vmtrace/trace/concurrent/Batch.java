package dev.vmtrace.trace.concurrent;

import dev.vmtrace.trace.TraceEvent;

/**
 * Events of one vCPU handed from its recording thread to the merger: direct accesses in primitive
 * columns, anything else as event objects. {@code frontier} is the producer's promise that no
 * later event of this vCPU has an earlier time.
 */
final class Batch {
    static final int CAPACITY = 4096;

    final long[] time = new long[CAPACITY];
    final long[] address = new long[CAPACITY];
    final long[] value = new long[CAPACITY];
    final long[] dispatchValue = new long[CAPACITY];
    /** size | direction << 8 | space << 9 | continuation << 10 | direct << 11. */
    final int[] meta = new int[CAPACITY];
    final int[] region = new int[CAPACITY];
    final TraceEvent[] events = new TraceEvent[CAPACITY];
    int count;
    long frontier;
    boolean last;

    static final int WRITE = 1 << 8;
    static final int MEMORY = 1 << 9;
    /** A dispatch that belongs to the access before it: merged as one unit with it. */
    static final int CONTINUATION = 1 << 10;
    static final int DIRECT = 1 << 11;

    boolean full() {
        return count == CAPACITY;
    }
}
