package dev.vmtrace.engine.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte writer. */
public final class WireOutput {
    private byte[] buf = new byte[4096];
    private int size;

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** The low byte of {@code v}. */
    public WireOutput writeU8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    /** Big-endian 16 bits. */
    public WireOutput writeU16(int v) {
        return writeInt(v, 2);
    }

    /** Big-endian 32 bits. */
    public WireOutput writeU32(long v) {
        return writeInt(v, 4);
    }

    /** Big-endian 64 bits. */
    public WireOutput writeU64(long v) {
        return writeInt(v, 8);
    }

    /** The low {@code size} bytes of {@code v}, big-endian. */
    public WireOutput writeInt(long v, int bytes) {
        ensure(bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** {@code len} bytes of {@code b} from {@code off}. */
    public WireOutput writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** All of {@code b}. */
    public WireOutput writeBytes(Bytes b) {
        b.writeTo(this);
        return this;
    }

    /** {@code n} zero bytes. */
    public WireOutput writeZeros(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
        return this;
    }

    /** A one-byte length and the Latin-1 bytes of {@code s} (at most 255). */
    public WireOutput writeCountedString(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length > 255) {
            throw new IllegalArgumentException("id string longer than 255 bytes: " + s);
        }
        writeU8(b.length);
        return writeBytes(b, 0, b.length);
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
