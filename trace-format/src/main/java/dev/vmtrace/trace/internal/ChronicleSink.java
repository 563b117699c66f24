package dev.vmtrace.trace.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Frames into a Chronicle Queue directory, one frame per excerpt (a chunk holds thousands of
 * events, so excerpts are several KiB). Chronicle appenders are thread-confined: a sink belongs to
 * the thread that first writes to it.
 */
public final class ChronicleSink implements FrameSink {
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final byte[] prefix = new byte[Frames.PREFIX];
    private final byte[] crc = new byte[4];
    private long written;

    public ChronicleSink(Path dir) {
        this.queue = ChronicleStore.builder(dir, false).build();
        this.appender = queue.createAppender();
    }

    @Override
    public void write(int kind, byte[] payload, int len) throws IOException {
        Frames.putIntLE(prefix, 0, kind);
        Frames.putIntLE(prefix, 4, len);
        CRC32C c = new CRC32C();
        c.update(prefix, 0, Frames.PREFIX);
        c.update(payload, 0, len);
        Frames.putIntLE(crc, 0, (int) c.getValue());
        DocumentContext dc = appender.writingDocument();
        try {
            Bytes<?> b = dc.wire().bytes();
            b.write(prefix);
            b.write(payload, 0, len);
            b.write(crc);
        } catch (RuntimeException e) {
            // Chronicle commits a half-written excerpt on close unless told otherwise.
            dc.rollbackOnClose();
            throw new IOException("cannot append to " + queue.fileAbsolutePath() + ": " + e, e);
        } finally {
            dc.close();
        }
        written += len + Frames.OVERHEAD;
    }

    /** Writes an already framed record verbatim (used by import from a file). */
    public void writeFramed(byte[] frame) throws IOException {
        DocumentContext dc = appender.writingDocument();
        try {
            dc.wire().bytes().write(frame);
        } catch (RuntimeException e) {
            dc.rollbackOnClose();
            throw new IOException("cannot append to " + queue.fileAbsolutePath() + ": " + e, e);
        } finally {
            dc.close();
        }
        written += frame.length;
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public void close() {
        queue.close();
    }
}
