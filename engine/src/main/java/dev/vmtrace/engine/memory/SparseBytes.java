package dev.vmtrace.engine.memory;

import java.util.HashMap;
import java.util.Map;

/** Byte storage for RAM that allocates 4 KiB pages only when written; unwritten bytes read 0. */
public final class SparseBytes {
    private static final int PAGE_BITS = 12;
    private static final int PAGE = 1 << PAGE_BITS;
    private final Map<Long, byte[]> pages = new HashMap<>();
    private final long size;

    /** Storage of {@code size} bytes. */
    public SparseBytes(long size) {
        this.size = size;
    }

    /** The size in bytes. */
    public long size() {
        return size;
    }

    /** The byte at {@code offset} (unsigned). */
    public int get(long offset) {
        byte[] p = pages.get(offset >>> PAGE_BITS);
        return p == null ? 0 : p[(int) (offset & (PAGE - 1))] & 0xff;
    }

    /** Stores the low byte of {@code value} at {@code offset}. */
    public void put(long offset, int value) {
        byte[] p = pages.computeIfAbsent(offset >>> PAGE_BITS, k -> new byte[PAGE]);
        p[(int) (offset & (PAGE - 1))] = (byte) value;
    }

    /** Forgets every written byte. */
    public void clear() {
        pages.clear();
    }
}
