package dev.vmtrace.trace.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Frames into a Chronicle Queue directory, one frame per excerpt (a chunk holds thousands of
 * events, so excerpts are several KiB). Chronicle appenders are thread-confined: a sink belongs to
 * the thread that first writes to it.
 */
public final class ChronicleSink implements FrameSink {
    private final java.util.concurrent.Future<ChronicleQueue> opening;
    private ChronicleQueue queue;
    private ExcerptAppender appender;
    private final byte[] prefix = new byte[Frames.PREFIX];
    private final byte[] crc = new byte[4];
    private long written;
    /** Frames written before the queue finished opening (capped, then writes wait). */
    private final java.util.List<byte[]> earlyFrames = new java.util.ArrayList<>();
    private long early;
    private static final long EARLY_CAP = 64L << 20;
    /** Early frames written so far; frame k got the provisional position {@code -(k + 1)}. */
    private int earlyCount;
    /** Excerpt indexes of the early frames stored so far, by early ordinal. */
    private long[] earlyIndexes = new long[64];
    private int earlyStored;

    /**
     * Opens the queue at {@code dir}. Chronicle's first open in a process costs a few hundred
     * milliseconds (thousands of classes, native init); with {@code openInBackground} it runs on a
     * helper thread while the caller starts producing (frames wait in memory, so only for
     * re-runnable work such as imports: a kill in that window loses them). The appender itself
     * is created on the writing thread, to which Chronicle confines it.
     */
    public ChronicleSink(Path dir, boolean openInBackground) {
        this(opening(dir, openInBackground));
    }

    /** A sink whose queue is what {@code opening} yields; frames wait in memory until it is done. */
    ChronicleSink(java.util.concurrent.Future<ChronicleQueue> opening) {
        this.opening = opening;
    }

    /** The queue at {@code dir}, opened now or on a helper thread. */
    static java.util.concurrent.FutureTask<ChronicleQueue> opening(Path dir, boolean inBackground) {
        java.util.concurrent.FutureTask<ChronicleQueue> task =
                new java.util.concurrent.FutureTask<>(() -> ChronicleStore.builder(dir, false).build());
        if (inBackground) {
            Thread t = new Thread(task, "vmtrace-chronicle-open");
            t.setDaemon(true);
            t.start();
        } else {
            task.run();
        }
        return task;
    }

    /** Frames kept while the queue opens are not durable: {@code sync} stores them now. */
    @Override
    public void sync() throws IOException {
        drainEarly();
        appender();
    }

    private ExcerptAppender appender() throws IOException {
        if (appender == null) {
            try {
                queue = opening.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while opening the Chronicle queue", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("cannot open the Chronicle queue: " + e.getCause(), e.getCause());
            }
            appender = queue.createAppender();
        }
        return appender;
    }

    @Override
    public long write(int kind, byte[] payload, int len) throws IOException {
        if (appender == null && !opening.isDone() && early + len <= EARLY_CAP) {
            // Queue still opening: keep the frame until it is ready.
            earlyFrames.add(Frames.frame(kind, payload, len));
            early += len;
            written += len + Frames.OVERHEAD;
            return -(++earlyCount);
        }
        drainEarly();
        Frames.putIntLE(prefix, 0, kind);
        Frames.putIntLE(prefix, 4, len);
        CRC32C c = new CRC32C();
        c.update(prefix, 0, Frames.PREFIX);
        c.update(payload, 0, len);
        Frames.putIntLE(crc, 0, (int) c.getValue());
        DocumentContext dc = appender().writingDocument();
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
        return appender.lastIndexAppended();
    }

    @Override
    public long resolve(long position) throws IOException {
        if (position >= 0) {
            return position;
        }
        int k = (int) (-position - 1);
        if (k >= earlyStored) {
            drainEarly();
        }
        if (k >= earlyStored) {
            throw new IllegalArgumentException("no frame has the provisional position " + position);
        }
        return earlyIndexes[k];
    }

    @Override
    public int indexForm() {
        return TraceIndex.FORM_QUEUE;
    }

    private void drainEarly() throws IOException {
        if (earlyFrames.isEmpty()) {
            return;
        }
        java.util.List<byte[]> frames = new java.util.ArrayList<>(earlyFrames);
        earlyFrames.clear();
        for (byte[] f : frames) {
            appendRaw(f);
            if (earlyStored == earlyIndexes.length) {
                earlyIndexes = java.util.Arrays.copyOf(earlyIndexes, earlyStored * 2);
            }
            earlyIndexes[earlyStored++] = appender.lastIndexAppended();
        }
    }

    private void appendRaw(byte[] frame) throws IOException {
        DocumentContext dc = appender().writingDocument();
        try {
            dc.wire().bytes().write(frame);
        } catch (RuntimeException e) {
            dc.rollbackOnClose();
            throw new IOException("cannot append to " + queue.fileAbsolutePath() + ": " + e, e);
        } finally {
            dc.close();
        }
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public void close() throws IOException {
        drainEarly();
        appender();
        queue.close();
    }
}
