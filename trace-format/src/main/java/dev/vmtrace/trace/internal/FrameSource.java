package dev.vmtrace.trace.internal;

import dev.vmtrace.engine.input.BadInputException;
import java.io.Closeable;

/**
 * Frames of a stored trace in order. A frame that fails its checks is reported with
 * {@link BadInputException} (offset = its location); the source is then already positioned after
 * it, so calling {@link #next()} again resumes with the next good frame.
 */
public interface FrameSource extends Closeable {
    /** The next frame, or null at the end of the stored data. */
    Frame next() throws BadInputException;

    /**
     * The trailer frame if the stored data ends with a valid one, else null. Cheap (does not scan),
     * never throws; used to tell a cleanly closed trace from one cut short.
     */
    Frame trailer();

    /**
     * The seek index frame stored just before the trailer at {@code trailerLocation}, or null when
     * there is none (a trace written before indexes existed). Cheap: it never scans.
     *
     * @throws BadInputException when a frame tagged as an index is there but fails its checks
     */
    Frame indexFrame(long trailerLocation) throws BadInputException;

    /** {@link TraceIndex#FORM_FILE} or {@link TraceIndex#FORM_QUEUE}: what locations are. */
    int indexForm();

    /**
     * Positions the source so that {@link #next()} reads the frame at {@code location} (from an
     * index: it is checked only when read).
     *
     * @throws BadInputException when {@code location} is outside the stored data
     */
    void position(long location) throws BadInputException;

    /** Goes back to the first frame. */
    void rewind() throws BadInputException;

    /** Name for messages (the path). */
    String name();

    /** Word used for locations in messages ("offset" or "excerpt index"). */
    String locationUnit();

    /** Bytes of stored frames (file size, or sum of excerpt sizes when known; -1 if unknown). */
    long storedBytes();

    @Override
    void close();
}
