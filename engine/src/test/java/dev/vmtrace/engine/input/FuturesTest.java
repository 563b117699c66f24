package dev.vmtrace.engine.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What another thread threw reaches the waiting one with its type. */
class FuturesTest {
    private static CompletableFuture<String> failed(Throwable t) {
        CompletableFuture<String> f = new CompletableFuture<>();
        f.completeExceptionally(t);
        return f;
    }

    @Test
    void resultsAndTypedFailures() throws Exception {
        assertEquals("ok", Futures.await(CompletableFuture.completedFuture("ok")));
        BadInputException bad = BadInputException.atLine("x.log", 3, "broken");
        assertSame(bad, assertThrows(BadInputException.class, () -> Futures.await(failed(bad))));
        IllegalArgumentException iae = new IllegalArgumentException("bug");
        assertSame(iae, assertThrows(IllegalArgumentException.class, () -> Futures.await(failed(iae))));
        AssertionError err = new AssertionError("error");
        assertSame(err, assertThrows(AssertionError.class, () -> Futures.await(failed(err))));
        IOException io = new IOException("disk");
        assertSame(io, assertThrows(IllegalStateException.class, () -> Futures.await(failed(io))).getCause());
    }
}
