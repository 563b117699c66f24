package dev.vmtrace.engine.acpi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte array: what QEMU's ACPI code keeps in a {@code GArray}. */
public final class AcpiBlob {
    private byte[] data = new byte[256];
    private int length;

    /** The current length. */
    public int length() {
        return length;
    }

    /** Appends the low {@code width} bytes of {@code v}, little-endian. */
    public AcpiBlob le(long v, int width) {
        ensure(length + width);
        for (int i = 0; i < width; i++) {
            data[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Appends one byte. */
    public AcpiBlob u8(int v) {
        return le(v, 1);
    }

    /** Appends bytes. */
    public AcpiBlob bytes(byte[] b) {
        ensure(length + b.length);
        System.arraycopy(b, 0, data, length, b.length);
        length += b.length;
        return this;
    }

    /** Appends ASCII text padded with spaces (or cut) to {@code width}. */
    public AcpiBlob ascii(String s, int width) {
        byte[] b = Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), width);
        for (int i = s.length(); i < width; i++) {
            b[i] = ' ';
        }
        return bytes(b);
    }

    /** Appends {@code n} zero bytes. */
    public AcpiBlob zeros(int n) {
        ensure(length + n);
        length += n;
        return this;
    }

    /** Pads with zeros to a multiple of {@code align}. */
    public AcpiBlob alignTo(int align) {
        int rem = length % align;
        return rem == 0 ? this : zeros(align - rem);
    }

    /** Sets the length (grows with zeros or cuts), as {@code g_array_set_size}. */
    public void setLength(int n) {
        ensure(n);
        if (n < length) {
            Arrays.fill(data, n, length, (byte) 0);
        }
        length = n;
    }

    /** Overwrites {@code width} bytes at {@code at} with {@code v}, little-endian. */
    public void setLe(int at, long v, int width) {
        if (at < 0 || at + width > length) {
            throw new IndexOutOfBoundsException("field [" + at + ", " + (at + width) + ") outside blob of " + length);
        }
        for (int i = 0; i < width; i++) {
            data[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** The little-endian value of {@code width} bytes at {@code at}. */
    public long getLe(int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (data[at + i] & 0xffL);
        }
        return v;
    }

    /** A copy of the contents. */
    public byte[] toBytes() {
        return Arrays.copyOf(data, length);
    }

    private void ensure(int n) {
        if (n > data.length) {
            data = Arrays.copyOf(data, Math.max(n, data.length * 2));
        }
    }
}
