package dev.vmtrace.engine.state;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string (buffers in device state, RAM pages). Copies in and out. */
public final class Bytes {
    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    /** A copy of {@code data[from, from + length)}. */
    public static Bytes of(byte[] data, int from, int length) {
        return new Bytes(Arrays.copyOfRange(data, from, from + length));
    }

    /** {@code length} zero bytes. */
    public static Bytes zeros(int length) {
        return new Bytes(new byte[length]);
    }

    /** From a hex string such as {@code "00ff10"}. */
    public static Bytes fromHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex));
    }

    /** Number of bytes. */
    public int length() {
        return data.length;
    }

    /** Unsigned byte at {@code index}. */
    public int getU8(int index) {
        return data[index] & 0xff;
    }

    /** A fresh copy of the bytes. */
    public byte[] toArray() {
        return data.clone();
    }

    /** Lower-case hex of all bytes. */
    public String hex() {
        return HexFormat.of().formatHex(data);
    }

    /** True when every byte is zero. */
    public boolean isAllZero() {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes the bytes to {@code out} without exposing the array. */
    void writeTo(WireOutput out) {
        out.writeBytes(data, 0, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 32 ? hex() : hex().substring(0, 64) + "...(" + data.length + " bytes)";
    }
}
