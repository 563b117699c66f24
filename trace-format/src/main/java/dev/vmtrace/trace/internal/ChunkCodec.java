package dev.vmtrace.trace.internal;

/**
 * Constants of the chunk payload encoding (byte tables in docs/trace-format.md).
 * A chunk starts with {@code u64 firstSeq, u32 eventCount, u64 baseTime} and then holds events.
 * Each event starts with an op byte: {@code 0x80..0xff} is the compact access form, anything
 * else is {@code wireId, varint length, payload} so a reader can skip types it does not know.
 */
public final class ChunkCodec {
    /** Size of the fixed chunk prefix. */
    public static final int CHUNK_PREFIX = 20;

    // Compact access op byte.
    public static final int OP_ACCESS = 0x80;
    public static final int OP_WRITE = 0x40;
    public static final int OP_SIZE_SHIFT = 4;
    public static final int OP_SAME_REGION = 0x08;
    public static final int OP_SAME_ADDR = 0x04;
    public static final int OP_VALUE_ZERO = 0x02;
    public static final int OP_EXT = 0x01;

    // Extension byte of the compact access.
    public static final int EXT_VCPU = 0x01;
    public static final int EXT_TIME = 0x02;
    public static final int EXT_INFERRED = 0x04;
    public static final int EXT_NOT_DIRECT = 0x08;
    public static final int EXT_DISPATCH_VALUE = 0x10;
    public static final int EXT_SPACE = 0x20;
    public static final int EXT_ODD_SIZE = 0x40;
    public static final int EXT_RESERVED = 0x80;

    /** Largest region id accepted (documented cap). */
    public static final int MAX_REGION_ID = 1 << 16;

    private ChunkCodec() {
    }

    /** log2 of a power-of-two size 1..8, or -1. */
    public static int sizeCode(int size) {
        switch (size) {
            case 1: return 0;
            case 2: return 1;
            case 4: return 2;
            case 8: return 3;
            default: return -1;
        }
    }

    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
