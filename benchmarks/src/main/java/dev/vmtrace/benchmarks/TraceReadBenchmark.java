package dev.vmtrace.benchmarks;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.ImmutableBytes;
import dev.vmtrace.trace.StateSnapshot;
import dev.vmtrace.trace.TraceEvent;
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
 * are events per microsecond. {@code seekToSnapshot*}: microseconds to jump to a snapshot and read
 * it, through the seek index and by scanning (the same trace cut before its index).
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

    /**
     * A single-file trace of 2^20 accesses in 1 KiB chunks (3,905 chunks) with a snapshot
     * every 2^14 accesses (64), and the same bytes cut before the index frame (no trailer, so
     * seeks scan frame headers from the start).
     */
    @State(Scope.Benchmark)
    public static class Snapshots {
        static final int EVERY = 1 << 14;
        static final int COUNT = TraceWriteBenchmark.N / EVERY;
        private Path dir;
        TraceReader indexed;
        TraceReader scanning;
        int next;

        @Setup(Level.Trial)
        public void write() throws IOException, BadInputException {
            dir = Files.createTempDirectory("vmtrace-bench-seek");
            AccessRun run = new AccessRun(TraceWriteBenchmark.N, 42);
            TraceHeader h = TraceHeader.of("bench", "pc-q35-7.2", "", "", 1, Map.of());
            Path file = dir.resolve("s");
            try (TraceWriter w = TraceWriter.createFile(file, h).chunkBytes(1024)) {
                TraceWriteBenchmark.defineRegions(w);
                for (int i = 0; i < run.n; i++) {
                    if (i % EVERY == EVERY - 1) {
                        w.append(new StateSnapshot(0, run.time[i], "periodic", ImmutableBytes.copyOf(new byte[64])));
                    }
                    w.access(run.time[i], 0, dev.vmtrace.trace.Space.IO, run.write[i]
                            ? dev.vmtrace.trace.Direction.WRITE : dev.vmtrace.trace.Direction.READ, run.address[i],
                            run.size[i], run.value[i], false, run.region[i], run.value[i]);
                }
            }
            byte[] b = Files.readAllBytes(file);
            int cut = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("VTIX");
            Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(b, cut));
            indexed = TraceReader.open(file);
            scanning = TraceReader.open(dir.resolve("cut"));
            if (!indexed.indexStatus().indexed() || scanning.indexStatus().indexed()) {
                throw new IllegalStateException("index: " + indexed.indexStatus() + " / " + scanning.indexStatus());
            }
        }

        @TearDown(Level.Trial)
        public void clean() throws IOException {
            indexed.close();
            scanning.close();
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        TraceEvent seek(TraceReader r) throws BadInputException {
            next = (next + 37) % COUNT;
            if (!r.seekToSnapshot(next)) {
                throw new IllegalStateException("no snapshot " + next);
            }
            return r.next();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public TraceEvent seekToSnapshotIndexed(Snapshots s) throws BadInputException {
        return s.seek(s.indexed);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public TraceEvent seekToSnapshotScanning(Snapshots s) throws BadInputException {
        return s.seek(s.scanning);
    }
}
