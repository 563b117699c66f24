package dev.vmtrace.trace.internal;

import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Frames of a single-file trace, read from one read-only mapping. After a bad frame it resyncs by
 * scanning forward for the next position that holds a well-formed frame with a matching CRC.
 */
public final class FileSource implements FrameSource {
    private final String name;
    private final ByteBuffer map;
    private final int size;
    private int pos;
    private boolean resync;
    private byte[] payload = new byte[1 << 14];
    /**
     * Bytes the CRC checks may still cover before salvage gives up on the rest of the file. A
     * damaged region can hold a false frame header at every byte, each claiming a payload up to
     * the cap; checking them all is quadratic in the file size (found by a crafted input), so the
     * checks are bounded by a multiple of the file size instead.
     */
    private long crcBudget;

    public FileSource(Path file) throws BadInputException {
        this.name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long len = ch.size();
            if (len > FileForm.MAX_FILE) {
                throw BadInputException.atOffset(name, 0, "single-file trace above the 2 GiB cap: " + len + " bytes");
            }
            size = (int) len;
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, len).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw BadInputException.unreadable(name, "cannot read: " + e.getMessage(), e);
        }
        byte[] head = new byte[FileForm.MAGIC.length];
        if (size < head.length) {
            throw BadInputException.atOffset(name, 0, "not a vmtrace trace file: shorter than its magic");
        }
        map.get(0, head);
        if (!FileForm.hasMagic(head, head.length)) {
            throw BadInputException.atOffset(name, 0, "not a vmtrace trace file: magic is not VMTRACE1");
        }
        pos = head.length;
        crcBudget = budget();
    }

    private long budget() {
        return 4L * size + (64L << 20);
    }

    @Override
    public Frame next() throws BadInputException {
        if (resync) {
            resync = false;
            int p = pos;
            while (p + Frames.OVERHEAD <= size && check(p) < 0) {
                if (crcBudget < 0) {
                    pos = size;
                    throw BadInputException.atOffset(name, p, "corrupt: salvage stops here, the damaged region holds"
                            + " too many false frame headers to check");
                }
                p++;
            }
            pos = p + Frames.OVERHEAD <= size ? p : size;
        }
        if (pos >= size) {
            return null;
        }
        int start = pos;
        if (size - start < Frames.OVERHEAD) {
            pos = size;
            throw BadInputException.atOffset(name, start, "truncated: " + (size - start) + " bytes of a frame at the end");
        }
        int kind = map.getInt(start);
        int len = map.getInt(start + 4);
        if (!Frames.looksLikeKind(kind)) {
            pos = start + 1;
            resync = true;
            throw BadInputException.atOffset(name, start, "corrupt: no frame tag here (found 0x"
                    + Integer.toHexString(kind) + ")");
        }
        if (len < 0 || len > Frames.MAX_PAYLOAD) {
            pos = start + 1;
            resync = true;
            throw BadInputException.atOffset(name, start, "corrupt: frame length " + len + " above the cap "
                    + Frames.MAX_PAYLOAD);
        }
        if ((long) start + len + Frames.OVERHEAD > size) {
            pos = start + 1;
            resync = true;
            throw BadInputException.atOffset(name, start, "truncated: " + Frames.kindName(kind) + " frame of "
                    + len + " bytes runs past the end of the file (" + size + " bytes)");
        }
        if (check(start) < 0) {
            pos = start + 1;
            resync = true;
            throw BadInputException.atOffset(name, start, "corrupt: CRC mismatch in " + Frames.kindName(kind)
                    + " frame of " + len + " bytes");
        }
        if (payload.length < len) {
            payload = new byte[Math.max(len, payload.length * 2)];
        }
        map.get(start + Frames.PREFIX, payload, 0, len);
        pos = start + len + Frames.OVERHEAD;
        return new Frame(kind, start, payload, len);
    }

    /** Length of the valid frame at {@code p}, or -1. */
    private int check(int p) {
        int kind = map.getInt(p);
        int len = map.getInt(p + 4);
        if (!Frames.looksLikeKind(kind) || len < 0 || len > Frames.MAX_PAYLOAD
                || (long) p + len + Frames.OVERHEAD > size) {
            return -1;
        }
        crcBudget -= Frames.PREFIX + len;
        CRC32C c = new CRC32C();
        ByteBuffer slice = map.duplicate();
        slice.position(p).limit(p + Frames.PREFIX + len);
        c.update(slice);
        return (int) c.getValue() == map.getInt(p + Frames.PREFIX + len) ? len : -1;
    }

    @Override
    public Frame trailer() {
        // A trailer payload is a handful of varints; try the few lengths it can have.
        for (int len = 0; len <= 64; len++) {
            int p = size - Frames.OVERHEAD - len;
            if (p < FileForm.MAGIC.length) {
                break;
            }
            if (map.getInt(p) == Frames.TRAILER && map.getInt(p + 4) == len && check(p) == len) {
                byte[] b = new byte[len];
                map.get(p + Frames.PREFIX, b, 0, len);
                return new Frame(Frames.TRAILER, p, b, len);
            }
        }
        return null;
    }

    @Override
    public Frame indexFrame(long trailerLocation) throws BadInputException {
        // The index payload ends with its own length, just before the frame's CRC.
        if (trailerLocation < FileForm.MAGIC.length + Frames.OVERHEAD + 4 || trailerLocation > size) {
            return null;
        }
        int end = (int) trailerLocation;
        int len = map.getInt(end - 8);
        long p = (long) end - Frames.OVERHEAD - len;
        if (len < 4 || len > Frames.MAX_PAYLOAD || p < FileForm.MAGIC.length || map.getInt((int) p) != Frames.INDEX) {
            return null;
        }
        if (map.getInt((int) p + 4) != len || check((int) p) != len) {
            throw BadInputException.atOffset(name, p, "corrupt: VTIX frame before the trailer fails its checks");
        }
        byte[] b = new byte[len];
        map.get((int) p + Frames.PREFIX, b, 0, len);
        return new Frame(Frames.INDEX, p, b, len);
    }

    @Override
    public int indexForm() {
        return TraceIndex.FORM_FILE;
    }

    @Override
    public void position(long location) throws BadInputException {
        if (location < FileForm.MAGIC.length || location >= size) {
            throw BadInputException.atOffset(name, Math.max(0, Math.min(location, size)),
                    "index points outside the file: " + location);
        }
        pos = (int) location;
        resync = false;
    }

    @Override
    public void rewind() {
        pos = FileForm.MAGIC.length;
        resync = false;
        crcBudget = budget();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String locationUnit() {
        return "offset";
    }

    @Override
    public long storedBytes() {
        return size;
    }

    @Override
    public void close() {
        // The mapping is released by the GC; nothing else is held open.
    }
}
