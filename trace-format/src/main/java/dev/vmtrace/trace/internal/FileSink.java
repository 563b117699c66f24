package dev.vmtrace.trace.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The single-file form: {@link FileForm#MAGIC}, then frames back to back. */
public final class FileSink implements FrameSink {
    private final OutputStream out;
    private final byte[] prefix = new byte[Frames.PREFIX];
    private final byte[] crc = new byte[4];
    private long written;

    public FileSink(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(FileForm.MAGIC);
        written = FileForm.MAGIC.length;
    }

    @Override
    public long write(int kind, byte[] payload, int len) throws IOException {
        long at = written;
        Frames.putIntLE(prefix, 0, kind);
        Frames.putIntLE(prefix, 4, len);
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(prefix, 0, Frames.PREFIX);
        c.update(payload, 0, len);
        Frames.putIntLE(crc, 0, (int) c.getValue());
        out.write(prefix);
        out.write(payload, 0, len);
        out.write(crc);
        written += len + Frames.OVERHEAD;
        return at;
    }

    @Override
    public int indexForm() {
        return TraceIndex.FORM_FILE;
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
