package dev.vmtrace.engine.acpi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The producer side of the ACPI linker/loader script ({@code etc/table-loader}, devices.md 5.2):
 * 128-byte little-endian entries; ALLOCATE entries are prepended (so they appear in reverse
 * creation order before every other command); ADD_POINTER pre-stores the source offset in the
 * destination field; ADD_CHECKSUM zeroes the checksum byte. Every command is checked as QEMU
 * asserts it; a violation is a programming error here.
 */
public final class BiosLinker {
    /** Entry size. */
    public static final int ENTRY_SIZE = 128;
    /** File-name field size (55 characters + NUL). */
    public static final int NAME_SIZE = 56;
    /** ALLOCATE command. */
    public static final int ALLOCATE = 1;
    /** ADD_POINTER command. */
    public static final int ADD_POINTER = 2;
    /** ADD_CHECKSUM command. */
    public static final int ADD_CHECKSUM = 3;
    /** WRITE_POINTER command. */
    public static final int WRITE_POINTER = 4;
    /** ALLOCATE zone: anywhere (high memory). */
    public static final int ZONE_HIGH = 1;
    /** ALLOCATE zone: the F segment (below 1 MiB). */
    public static final int ZONE_FSEG = 2;

    private final List<byte[]> allocations = new ArrayList<>();
    private final List<byte[]> commands = new ArrayList<>();
    private final Map<String, AcpiBlob> files = new LinkedHashMap<>();

    /** Registers {@code blob} as fw_cfg file {@code file} and prepends its ALLOCATE. */
    public void allocate(String file, AcpiBlob blob, int align, boolean fseg) {
        if (files.containsKey(file)) {
            throw new IllegalStateException("linker: " + file + " allocated twice");
        }
        if (Integer.bitCount(align) != 1) {
            throw new IllegalArgumentException("linker: alignment must be a power of two: " + align);
        }
        files.put(file, blob);
        byte[] e = entry(ALLOCATE);
        name(e, 4, file);
        le(e, 60, align, 4);
        e[64] = (byte) (fseg ? ZONE_FSEG : ZONE_HIGH);
        allocations.add(0, e);
    }

    /** Patches {@code size} bytes at {@code dstOffset} of {@code dst} to point at {@code srcOffset} of {@code src}. */
    public void addPointer(String dst, int dstOffset, int size, String src, int srcOffset) {
        AcpiBlob d = file(dst);
        AcpiBlob s = file(src);
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("linker: pointer size " + size);
        }
        if (dstOffset < 0 || dstOffset + size > d.length() || srcOffset < 0 || srcOffset >= s.length()) {
            throw new IllegalArgumentException("linker: pointer " + dst + "+" + dstOffset + " -> " + src + "+" + srcOffset
                    + " out of range");
        }
        d.setLe(dstOffset, srcOffset, size);
        byte[] e = entry(ADD_POINTER);
        name(e, 4, dst);
        name(e, 60, src);
        le(e, 116, dstOffset, 4);
        e[120] = (byte) size;
        commands.add(e);
    }

    /** Checksums [start, start+length) of {@code file} into the byte at {@code checksumOffset} (inside the range). */
    public void addChecksum(String file, int start, int length, int checksumOffset) {
        AcpiBlob f = file(file);
        if (start < 0 || start >= f.length() || start + length > f.length()
                || checksumOffset < start || checksumOffset >= start + length) {
            throw new IllegalArgumentException("linker: checksum of " + file + " [" + start + ", " + (start + length)
                    + ") at " + checksumOffset + " out of range");
        }
        f.setLe(checksumOffset, 0, 1);
        byte[] e = entry(ADD_CHECKSUM);
        name(e, 4, file);
        le(e, 60, checksumOffset, 4);
        le(e, 64, start, 4);
        le(e, 68, length, 4);
        commands.add(e);
    }

    /** Asks the firmware to write the address of {@code src}+{@code srcOffset} into fw_cfg file {@code dst}. */
    public void writePointer(String dst, int dstOffset, int size, String src, int srcOffset) {
        AcpiBlob s = file(src);
        if (srcOffset < 0 || srcOffset >= s.length()) {
            throw new IllegalArgumentException("linker: write pointer source offset out of range");
        }
        byte[] e = entry(WRITE_POINTER);
        name(e, 4, dst);
        name(e, 60, src);
        le(e, 116, dstOffset, 4);
        le(e, 120, srcOffset, 4);
        e[124] = (byte) size;
        commands.add(e);
    }

    /** Number of real entries (without padding). */
    public int entryCount() {
        return allocations.size() + commands.size();
    }

    /** The script; with {@code padTo} &gt; 0, zero entries are appended up to a multiple of it. */
    public byte[] toBytes(int padTo) {
        AcpiBlob out = new AcpiBlob();
        for (byte[] e : allocations) {
            out.bytes(e);
        }
        for (byte[] e : commands) {
            out.bytes(e);
        }
        if (padTo > 0) {
            out.alignTo(padTo);
        }
        return out.toBytes();
    }

    private AcpiBlob file(String name) {
        AcpiBlob b = files.get(name);
        if (b == null) {
            throw new IllegalArgumentException("linker: file " + name + " was not allocated");
        }
        return b;
    }

    private static byte[] entry(int command) {
        byte[] e = new byte[ENTRY_SIZE];
        le(e, 0, command, 4);
        return e;
    }

    private static void name(byte[] e, int at, String file) {
        byte[] n = file.getBytes(StandardCharsets.US_ASCII);
        if (n.length >= NAME_SIZE) {
            throw new IllegalArgumentException("linker: file name too long: " + file);
        }
        System.arraycopy(n, 0, e, at, n.length);
    }

    private static void le(byte[] e, int at, long v, int width) {
        for (int i = 0; i < width; i++) {
            e[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
