package dev.vmtrace.trace;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** An immutable sequence of bytes, used instead of {@code byte[]} in public records. */
public final class ImmutableBytes {
    private static final ImmutableBytes EMPTY = new ImmutableBytes(new byte[0]);
    private final byte[] data;

    private ImmutableBytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code bytes}. */
    public static ImmutableBytes copyOf(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ImmutableBytes(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static ImmutableBytes copyOf(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new ImmutableBytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The empty sequence. */
    public static ImmutableBytes empty() {
        return EMPTY;
    }

    /** Number of bytes. */
    public int size() {
        return data.length;
    }

    /** The unsigned byte at {@code index}. */
    public int getU8(int index) {
        return data[index] & 0xff;
    }

    /** A fresh copy of the contents. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** A read-only view of the contents. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Copies the contents into {@code dest} at {@code offset}. */
    public void copyTo(byte[] dest, int offset) {
        System.arraycopy(data, 0, dest, offset, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImmutableBytes && Arrays.equals(data, ((ImmutableBytes) o).data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ImmutableBytes[" + data.length + "]";
    }
}
