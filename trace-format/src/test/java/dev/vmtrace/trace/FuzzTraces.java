package dev.vmtrace.trace;

import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Scratch files for the trace-format fuzz tests: one temporary directory per JVM, reused by every
 * execution (a fuzzing run makes millions), deleted on exit.
 */
public final class FuzzTraces {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("vmtrace-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
    }

    private FuzzTraces() {
    }

    /** A scratch path named {@code name} (the same path on every call). */
    public static Path scratch(String name) {
        Path p = DIR.resolve(name);
        p.toFile().deleteOnExit();
        return p;
    }

    /** The header importers write under. */
    public static TraceHeader header() {
        return TraceHeader.of("fuzz", "pc-q35-7.2", "7.2.22", "tcg", 2, Map.of());
    }

    /**
     * Reads back a trace vmtrace itself just wrote: every event, strictly. Bad input here is a
     * writer/reader bug, not the fuzzer's input, so it is an assertion failure.
     */
    public static long readBack(Path trace) {
        long n = 0;
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                r.next();
                n++;
            }
            if (!r.header().complete()) {
                throw new AssertionError("a closed trace must read as complete");
            }
        } catch (BadInputException e) {
            throw new AssertionError("vmtrace cannot read the trace it wrote: " + e.getMessage(), e);
        }
        return n;
    }
}
