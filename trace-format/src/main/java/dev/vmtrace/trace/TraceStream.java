package dev.vmtrace.trace;

import dev.vmtrace.engine.input.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Push-style reading, shaped like {@code jdk.jfr.consumer.EventStream}: register handlers with
 * {@link #onEvent(Consumer)}, {@link #onEvent(Class, Consumer)} and {@link #onError(Consumer)}, then
 * {@link #start()} runs through the trace on the calling thread.
 *
 * <p>Without an error handler, damage stops {@code start()} with the {@link BadInputException};
 * with one, each damaged frame is reported to it and reading continues with the next good chunk.
 */
public final class TraceStream implements AutoCloseable {
    private final TraceReader reader;
    private final List<Consumer<TraceEvent>> handlers = new ArrayList<>();
    private final List<Consumer<BadInputException>> errorHandlers = new ArrayList<>();
    private final List<Runnable> endHandlers = new ArrayList<>();

    private TraceStream(TraceReader reader) {
        this.reader = reader;
    }

    /** A stream over the trace at {@code path} (directory or single file). */
    public static TraceStream open(Path path) throws BadInputException {
        return new TraceStream(TraceReader.open(path));
    }

    /** Calls {@code action} for every event. */
    public TraceStream onEvent(Consumer<TraceEvent> action) {
        handlers.add(Objects.requireNonNull(action));
        return this;
    }

    /** Calls {@code action} for every event of {@code type}. */
    public <T extends TraceEvent> TraceStream onEvent(Class<T> type, Consumer<? super T> action) {
        Objects.requireNonNull(action);
        handlers.add(e -> {
            if (type.isInstance(e)) {
                action.accept(type.cast(e));
            }
        });
        return this;
    }

    /** Calls {@code action} for every damaged frame; reading then goes on. */
    public TraceStream onError(Consumer<BadInputException> action) {
        errorHandlers.add(Objects.requireNonNull(action));
        return this;
    }

    /** Calls {@code action} once after the last event. */
    public TraceStream onClose(Runnable action) {
        endHandlers.add(Objects.requireNonNull(action));
        return this;
    }

    /** The header (its {@code complete} flag tells whether the trace was closed cleanly). */
    public TraceHeader header() {
        return reader.header();
    }

    /** Starts at the first event with sequence {@code >= seq}. */
    public TraceStream seek(long seq) throws BadInputException {
        reader.seek(seq);
        return this;
    }

    /** Reads to the end, dispatching to the handlers; returns the final status. */
    public TraceStatus start() throws BadInputException {
        while (true) {
            boolean more;
            try {
                more = reader.hasNext();
            } catch (BadInputException e) {
                if (errorHandlers.isEmpty()) {
                    throw e;
                }
                for (Consumer<BadInputException> h : errorHandlers) {
                    h.accept(e);
                }
                continue;
            }
            if (!more) {
                break;
            }
            TraceEvent e = reader.next();
            for (Consumer<TraceEvent> h : handlers) {
                h.accept(e);
            }
        }
        for (Runnable r : endHandlers) {
            r.run();
        }
        return reader.status();
    }

    @Override
    public void close() {
        reader.close();
    }
}
