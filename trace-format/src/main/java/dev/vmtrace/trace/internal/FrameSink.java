package dev.vmtrace.trace.internal;

import java.io.Closeable;
import java.io.IOException;

/** Where a writer puts frames: a Chronicle queue or a single file. Single-threaded. */
public interface FrameSink extends Closeable {
    /**
     * Appends one frame with payload {@code payload[0, len)}. Returns where it is (file offset or
     * Chronicle excerpt index), or a negative provisional position while that is not known yet
     * (a queue still opening); {@link #resolve} turns it into the real one.
     */
    long write(int kind, byte[] payload, int len) throws IOException;

    /** The real position for a value {@link #write} returned; may store pending frames first. */
    default long resolve(long position) throws IOException {
        return position;
    }

    /** {@link TraceIndex#FORM_FILE} or {@link TraceIndex#FORM_QUEUE}: what positions are. */
    int indexForm();

    /** Makes everything written so far durable against a process kill (not against power loss). */
    default void sync() throws IOException {
    }

    /** Bytes written so far (frames only; storage overhead not counted). */
    long bytesWritten();
}
