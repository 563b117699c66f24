package dev.vmtrace.trace.qemu;

import dev.vmtrace.engine.input.BadInputException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/** Opens text inputs for importers: plain or gzip (detected by its magic), counting raw bytes read. */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Opens {@code file}; {@code rawBytesRead} (may be null) is kept up to date with the bytes read
     * from the file itself, for progress bars.
     */
    public static InputStream open(Path file, AtomicLong rawBytesRead) throws BadInputException {
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            if (rawBytesRead != null) {
                raw = new Counting(raw, rawBytesRead);
            }
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new GZIPInputStream(raw, 1 << 16);
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw BadInputException.unreadable(file.toString(), "no such file", e);
        } catch (IOException e) {
            throw BadInputException.unreadable(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
