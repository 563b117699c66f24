package dev.vmtrace.engine.input;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work done on another thread without losing the type of what it threw. */
public final class Futures {
    private Futures() {
    }

    /**
     * The result of {@code f}; bad input, unchecked exceptions and errors thrown by the task are
     * rethrown as they were, any other checked exception wrapped in an IllegalStateException.
     */
    public static <T> T await(Future<T> f) throws BadInputException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof BadInputException) {
                throw (BadInputException) c;
            }
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IllegalStateException(c);
        }
    }
}
