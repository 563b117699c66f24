package dev.vmtrace.trace.internal;

import java.util.zip.CRC32C;

/**
 * Frame framing shared by the Chronicle and single-file forms (byte tables in
 * docs/trace-format.md): {@code u32 kind, u32 length N, N payload bytes, u32 CRC32C} of the
 * preceding {@code 8 + N} bytes, all little-endian.
 */
public final class Frames {
    /** "VTHD": trace header (Kryo). */
    public static final int HEADER = tag('V', 'T', 'H', 'D');
    /** "VTCK": a chunk of events. */
    public static final int CHUNK = tag('V', 'T', 'C', 'K');
    /** "VTRG": one region definition (Kryo). */
    public static final int REGION = tag('V', 'T', 'R', 'G');
    /** "VTSN": one state snapshot (Kryo). */
    public static final int SNAPSHOT = tag('V', 'T', 'S', 'N');
    /** "VTEN": trailer written at clean close (Kryo). */
    public static final int TRAILER = tag('V', 'T', 'E', 'N');
    /**
     * "VTIX": seek index, written at clean close just before the trailer (Kryo + a length footer).
     * A new kind rather than a new trailer field: readers that predate it skip it as an unknown
     * kind, while they reject a trailer with bytes they do not expect.
     */
    public static final int INDEX = tag('V', 'T', 'I', 'X');
    /** Bytes before the payload. */
    public static final int PREFIX = 8;
    /** Bytes of framing in total. */
    public static final int OVERHEAD = 12;
    /** Largest payload accepted (documented cap: 16 MiB). */
    public static final int MAX_PAYLOAD = 16 << 20;

    private Frames() {
    }

    private static int tag(char a, char b, char c, char d) {
        return a | b << 8 | c << 16 | d << 24;
    }

    /** True for the kinds this reader knows (format version 1 and the seek index). */
    public static boolean isKnownKind(int kind) {
        return kind == HEADER || kind == CHUNK || kind == REGION || kind == SNAPSHOT || kind == TRAILER
                || kind == INDEX;
    }

    /** True when {@code kind} looks like a frame tag ("VT" + two letters), known or not. */
    public static boolean looksLikeKind(int kind) {
        return (kind & 0xffff) == ('V' | 'T' << 8)
                && Character.isUpperCase((char) ((kind >>> 16) & 0xff))
                && Character.isUpperCase((char) (kind >>> 24));
    }

    /** The kind as its 4 letters. */
    public static String kindName(int kind) {
        StringBuilder b = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = (kind >>> (8 * i)) & 0xff;
            b.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return b.toString();
    }

    /** Writes a complete frame for {@code payload[0, len)} into a new array. */
    public static byte[] frame(int kind, byte[] payload, int len) {
        byte[] f = new byte[len + OVERHEAD];
        putIntLE(f, 0, kind);
        putIntLE(f, 4, len);
        System.arraycopy(payload, 0, f, PREFIX, len);
        putIntLE(f, PREFIX + len, crc(f, 0, PREFIX + len));
        return f;
    }

    /** CRC32C of {@code b[off, off + len)}. */
    public static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    public static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void putLongLE(byte[] b, int off, long v) {
        putIntLE(b, off, (int) v);
        putIntLE(b, off + 4, (int) (v >>> 32));
    }

    public static int getIntLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    public static long getLongLE(byte[] b, int off) {
        return (getIntLE(b, off) & 0xffffffffL) | ((long) getIntLE(b, off + 4)) << 32;
    }
}
