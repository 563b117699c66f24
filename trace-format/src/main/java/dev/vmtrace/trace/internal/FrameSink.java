package dev.vmtrace.trace.internal;

import java.io.Closeable;
import java.io.IOException;

/** Where a writer puts frames: a Chronicle queue or a single file. Single-threaded. */
public interface FrameSink extends Closeable {
    /** Appends one frame with payload {@code payload[0, len)}. */
    void write(int kind, byte[] payload, int len) throws IOException;

    /** Makes everything written so far durable against a process kill (not against power loss). */
    default void sync() throws IOException {
    }

    /** Bytes written so far (frames only; storage overhead not counted). */
    long bytesWritten();
}
