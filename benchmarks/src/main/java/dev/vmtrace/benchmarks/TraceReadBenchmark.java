package dev.vmtrace.benchmarks;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading speed: every event of a trace of 2^20 guest accesses (2^21 events: each access and its
 * dispatch) through the pull reader, from the Chronicle queue and from the single file. Scores
 * are events per microsecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TraceReadBenchmark {
    static final int EVENTS = 2 * TraceWriteBenchmark.N + 3;

    private Path dir;

    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("vmtrace-bench-read");
        AccessRun run = new AccessRun(TraceWriteBenchmark.N, 42);
        TraceHeader h = TraceHeader.of("bench", "pc-q35-7.2", "", "", 1, Map.of());
        try (TraceWriter w = TraceWriter.create(dir.resolve("q"), h)) {
            TraceWriteBenchmark.defineRegions(w);
            TraceWriteBenchmark.writeAll(w, run);
        }
        try (TraceWriter w = TraceWriter.createFile(dir.resolve("f"), h)) {
            TraceWriteBenchmark.defineRegions(w);
            TraceWriteBenchmark.writeAll(w, run);
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private TraceReader queueReader;
    private TraceReader fileReader;

    /** Readers stay open: opening is start-up cost; each invocation seeks back to the start. */
    @Setup(Level.Iteration)
    public void open() throws BadInputException {
        queueReader = TraceReader.open(dir.resolve("q"));
        fileReader = TraceReader.open(dir.resolve("f"));
    }

    @TearDown(Level.Iteration)
    public void close() {
        queueReader.close();
        fileReader.close();
    }

    private static long readAll(TraceReader r, Blackhole bh) throws BadInputException {
        long n = 0;
        r.seek(0);
        while (r.hasNext()) {
            bh.consume(r.next());
            n++;
        }
        if (n != EVENTS) {
            throw new IllegalStateException("read " + n + " events, expected " + EVENTS);
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long chronicleQueue(Blackhole bh) throws BadInputException {
        return readAll(queueReader, bh);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long singleFile(Blackhole bh) throws BadInputException {
        return readAll(fileReader, bh);
    }
}
