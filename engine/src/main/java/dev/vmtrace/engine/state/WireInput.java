package dev.vmtrace.engine.state;

import dev.vmtrace.engine.input.BadInputException;
import java.nio.charset.StandardCharsets;

/**
 * A bounded big-endian reader over bytes of untrusted input. Every read checks the remaining
 * length first and fails with a {@link BadInputException} at the current offset; nothing else
 * escapes. Offsets are absolute in the source.
 */
public final class WireInput {
    private final String source;
    private final byte[] data;
    private final int end;
    private int pos;

    /** Reads {@code data[start, end)}; {@code source} names the input in errors. */
    public WireInput(String source, byte[] data, int start, int end) {
        if (start < 0 || end > data.length || start > end) {
            throw new IllegalArgumentException("bad range " + start + ".." + end);
        }
        this.source = source;
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** Reads all of {@code data}. */
    public WireInput(String source, byte[] data) {
        this(source, data, 0, data.length);
    }

    /** The input's name in errors. */
    public String source() {
        return source;
    }

    /** Current absolute offset. */
    public int position() {
        return pos;
    }

    /** Moves to absolute {@code offset} (within the readable range). */
    public void seek(int offset) throws BadInputException {
        if (offset < 0 || offset > end) {
            throw error("seek to " + offset + " outside the input");
        }
        pos = offset;
    }

    /** Bytes left. */
    public int remaining() {
        return end - pos;
    }

    /** End offset of the readable range. */
    public int end() {
        return end;
    }

    /** Bad input at the current offset. */
    public BadInputException error(String problem) {
        return BadInputException.atOffset(source, pos, problem);
    }

    /** Bad input at {@code offset}. */
    public BadInputException errorAt(long offset, String problem) {
        return BadInputException.atOffset(source, offset, problem);
    }

    private void need(int n, String what) throws BadInputException {
        if (n < 0 || end - pos < n) {
            throw error("truncated: " + what + " needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    /** Unsigned byte at absolute {@code offset} without moving; -1 past the end. */
    public int getU8(int offset) {
        return offset >= 0 && offset < end ? data[offset] & 0xff : -1;
    }

    /** The next byte without consuming it, or -1 at the end. */
    public int peekU8() {
        return getU8(pos);
    }

    /** An unsigned byte; {@code what} names it in errors. */
    public int readU8(String what) throws BadInputException {
        need(1, what);
        return data[pos++] & 0xff;
    }

    /** A big-endian unsigned 16-bit value. */
    public int readU16(String what) throws BadInputException {
        need(2, what);
        int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    /** A big-endian 32-bit value widened unsigned. */
    public long readU32(String what) throws BadInputException {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += 4;
        return v;
    }

    /** A big-endian 64-bit value (unsigned values share the bits). */
    public long readU64(String what) throws BadInputException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** A big-endian integer of {@code size} 1, 2, 4 or 8 bytes, sign-extended when {@code signed}. */
    public long readInt(int size, boolean signed, String what) throws BadInputException {
        need(size, what);
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += size;
        if (signed && size < 8) {
            int shift = 64 - 8 * size;
            v = (v << shift) >> shift;
        }
        return v;
    }

    /** {@code n} bytes as an immutable copy. */
    public Bytes readBytes(int n, String what) throws BadInputException {
        need(n, what);
        Bytes b = Bytes.of(data, pos, n);
        pos += n;
        return b;
    }

    /** Skips {@code n} bytes. */
    public void skip(long n, String what) throws BadInputException {
        if (n < 0 || n > end - pos) {
            throw error("truncated: " + what + " needs " + n + " bytes, " + (end - pos) + " left");
        }
        pos += (int) n;
    }

    /** A string of {@code n} bytes (Latin-1: QEMU id strings are bytes). */
    public String readString(int n, String what) throws BadInputException {
        need(n, what);
        String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /** A string with a one-byte length prefix, as QEMU writes id strings. */
    public String readCountedString(String what) throws BadInputException {
        int len = readU8(what + " length");
        return readString(len, what);
    }
}
