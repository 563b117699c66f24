package dev.vmtrace.engine.devices.pflash;

/**
 * The CFI query answers of QEMU 7.2's {@code cfi.pflash01} (Intel command set), as a PC wires it:
 * one device of bank width 1 with no device width given, so every answer is a single byte found
 * at {@code offset & 0xff}. Offsets past the table read 0. The table is fixed except for the
 * device size (its log2, taken as the number of trailing zero bits of the byte size, as QEMU
 * computes it), the erase block count and the block size.
 */
public final class CfiQueryTable {
    /** Number of bytes in the table (offsets 0x00..0x51). */
    public static final int SIZE = 0x52;
    /** The largest buffered write for bank width 1: 2^8 bytes (table offset 0x2a). */
    public static final int WRITE_BUFFER_LOG2 = 8;

    private final byte[] table = new byte[SIZE];

    /**
     * The table for a flash of {@code blocks} erase blocks of {@code blockSize} bytes.
     *
     * @throws IllegalArgumentException when the geometry is not positive
     */
    public CfiQueryTable(long blocks, long blockSize) {
        if (blocks <= 0 || blockSize <= 0) {
            throw new IllegalArgumentException("flash geometry must be positive: " + blocks + " x " + blockSize);
        }
        long deviceBytes = blocks * blockSize;
        put(0x10, 'Q', 'R', 'Y');
        put(0x13, 0x01, 0x00, 0x31, 0x00); // Intel command set; extended table at 0x31
        put(0x1b, 0x45, 0x55, 0x00, 0x00, 0x07, 0x07, 0x0a, 0x00, 0x04, 0x04, 0x04, 0x00);
        int low = (int) deviceBytes; // QEMU counts the zero bits of the low 32 bits only
        table[0x27] = (byte) (low == 0 ? 32 : Integer.numberOfTrailingZeros(low));
        put(0x28, 0x02, 0x00, WRITE_BUFFER_LOG2, 0x00, 0x01);
        put(0x2d, (int) (blocks - 1), (int) ((blocks - 1) >> 8), (int) (blockSize >> 8), (int) (blockSize >> 16));
        put(0x31, 'P', 'R', 'I', '1', '0');
        table[0x3f] = 0x01; // one protection field
    }

    private void put(int at, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            table[at + i] = (byte) bytes[i];
        }
    }

    /** The answer at a query offset: the table byte at {@code offset & 0xff}, or 0 past the table. */
    public int answer(long offset) {
        int i = (int) (offset & 0xff);
        return i < SIZE ? table[i] & 0xff : 0;
    }
}
