package dev.vmtrace.trace.internal;

import dev.vmtrace.engine.input.BadInputException;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Frames of a Chronicle queue directory, one per excerpt. Locations are Chronicle excerpt indexes.
 * An excerpt a killed writer left unfinished is invisible to the tailer, so a killed recording
 * reads as a clean prefix. Chronicle's own failures on damaged files become bad input.
 */
public final class ChronicleSource implements FrameSource {
    private final String name;
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private byte[] buf = new byte[1 << 14];
    private long stored;
    private boolean broken;

    public ChronicleSource(Path dir) throws BadInputException {
        this.name = dir.toString();
        try {
            this.queue = ChronicleStore.builder(dir, true).build();
            this.tailer = queue.createTailer();
        } catch (RuntimeException | InternalError e) {
            throw BadInputException.unreadable(name, "cannot open Chronicle queue: " + describe(e), e);
        }
    }

    /**
     * Chronicle maps its files; reading a mapped page past the end of a truncated file faults, which
     * the JVM reports as {@link InternalError} (the JVM itself stays usable). Such a file is damaged
     * input, not a bug.
     */
    private static String describe(Throwable e) {
        if (e instanceof InternalError) {
            return "a queue file is truncated or unreadable (memory fault while reading its mapping)";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public Frame next() throws BadInputException {
        if (broken) {
            return null;
        }
        long index = -1;
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            index = dc.index();
            Bytes<?> b = dc.wire().bytes();
            long n = b.readRemaining();
            if (n < Frames.OVERHEAD || n > Frames.MAX_PAYLOAD + Frames.OVERHEAD) {
                throw BadInputException.atOffset(name, index, "corrupt: excerpt of " + n + " bytes is not a frame");
            }
            if (buf.length < n) {
                buf = new byte[(int) Math.max(n, buf.length * 2L)];
            }
            b.read(buf, 0, (int) n);
            stored += n;
            return verify(buf, (int) n, index);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException | AssertionError | InternalError e) {
            // Chronicle cannot go on after damage to its own structures: end here.
            broken = true;
            throw BadInputException.atOffset(name, Math.max(index, 0), "corrupt Chronicle queue: " + describe(e), e);
        }
    }

    private Frame verify(byte[] b, int n, long index) throws BadInputException {
        int kind = Frames.getIntLE(b, 0);
        int len = Frames.getIntLE(b, 4);
        if (len != n - Frames.OVERHEAD) {
            throw BadInputException.atOffset(name, index, "corrupt: frame length " + len + " in an excerpt of "
                    + n + " bytes");
        }
        if (Frames.crc(b, 0, Frames.PREFIX + len) != Frames.getIntLE(b, Frames.PREFIX + len)) {
            throw BadInputException.atOffset(name, index, "corrupt: CRC mismatch in " + Frames.kindName(kind)
                    + " frame of " + len + " bytes");
        }
        // Hand out the payload at offset 0 of a buffer, like the file source.
        System.arraycopy(b, Frames.PREFIX, b, 0, len);
        return new Frame(kind, index, b, len);
    }

    @Override
    public Frame trailer() {
        try {
            ExcerptTailer back = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = back.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                Bytes<?> b = dc.wire().bytes();
                long n = b.readRemaining();
                if (n < Frames.OVERHEAD || n > 4096) {
                    return null;
                }
                byte[] a = new byte[(int) n];
                b.read(a, 0, (int) n);
                long index = dc.index();
                if (Frames.getIntLE(a, 0) != Frames.TRAILER) {
                    return null;
                }
                return verify(a, (int) n, index);
            }
        } catch (BadInputException | RuntimeException | InternalError e) {
            return null;
        }
    }

    @Override
    public Frame indexFrame(long trailerLocation) throws BadInputException {
        long index = -1;
        try {
            ExcerptTailer back = queue.createTailer().direction(TailerDirection.BACKWARD);
            if (!back.moveToIndex(trailerLocation)) {
                return null;
            }
            try (DocumentContext dc = back.readingDocument()) {
                if (!dc.isPresent() || dc.index() != trailerLocation) {
                    return null;
                }
            }
            try (DocumentContext dc = back.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                index = dc.index();
                Bytes<?> b = dc.wire().bytes();
                long n = b.readRemaining();
                if (n < Frames.OVERHEAD || n > Frames.MAX_PAYLOAD + Frames.OVERHEAD
                        || b.readInt(b.readPosition()) != Frames.INDEX) {
                    return null;
                }
                byte[] a = new byte[(int) n];
                b.read(a, 0, (int) n);
                return verify(a, (int) n, index);
            }
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            throw BadInputException.atOffset(name, Math.max(index, 0), "cannot read the index: " + describe(e), e);
        }
    }

    @Override
    public int indexForm() {
        return TraceIndex.FORM_QUEUE;
    }

    @Override
    public void position(long location) throws BadInputException {
        boolean found;
        try {
            found = tailer.moveToIndex(location);
        } catch (RuntimeException | InternalError e) {
            throw BadInputException.atOffset(name, Math.max(location, 0), "cannot move to excerpt: " + describe(e), e);
        }
        if (!found) {
            throw BadInputException.atOffset(name, Math.max(location, 0), "index points to a missing excerpt");
        }
        broken = false;
    }

    @Override
    public void rewind() throws BadInputException {
        try {
            tailer.toStart();
            broken = false;
        } catch (RuntimeException | InternalError e) {
            throw BadInputException.unreadable(name, "cannot rewind Chronicle queue: " + describe(e), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String locationUnit() {
        return "excerpt index";
    }

    @Override
    public long storedBytes() {
        return stored;
    }

    @Override
    public void close() {
        try {
            queue.close();
        } catch (RuntimeException | InternalError e) {
            // Closing a damaged queue can fault too; nothing is left to release that matters.
        }
    }
}
