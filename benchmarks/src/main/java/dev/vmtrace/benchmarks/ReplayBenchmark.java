package dev.vmtrace.benchmarks;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.Space;
import dev.vmtrace.replay.EngineRun;
import dev.vmtrace.replay.Recorder;
import dev.vmtrace.replay.ReplayMatrix;
import dev.vmtrace.replay.ReplayOptions;
import dev.vmtrace.replay.ReplayResult;
import dev.vmtrace.replay.Replayer;
import dev.vmtrace.replay.TraceTarget;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Replay throughput in trace events per second: a recorded trace of accesses to a modeled device
 * (APM's APMS scratch register and APMC, one access and one dispatch event each) replayed and
 * compared on a fresh engine, single-threaded; and a matrix of {@link #CELLS} identical cells on
 * 1 or 2 worker threads (scaling with cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ReplayBenchmark {
    /** Guest accesses in the benchmark trace (each is two trace events). */
    static final int ACCESSES = 500_000;
    /** Trace events: access + dispatch per access, plus the region definition. */
    static final int EVENTS = 2 * ACCESSES + 1;
    /** Matrix cells per invocation. */
    static final int CELLS = 4;

    @Param({"1", "2"})
    int threads;

    private Path dir;
    private Path trace;
    private ReplayOptions options;

    @Setup(Level.Trial)
    public void record() throws Exception {
        dir = Files.createTempDirectory("vmtrace-replay-bench");
        trace = dir.resolve("apm.vmtrace");
        MachineConfig c = MachineConfig.parse("pc-q35-7.2", null, null, List.of(), List.of(), Release.DEFAULT,
                Accel.TCG, null);
        try (TraceWriter w = TraceWriter.createFile(trace, Recorder.header(c, "benchmark"))) {
            Recorder rec = new Recorder(w, new EngineRun(c));
            for (int i = 0; i < ACCESSES; i++) {
                if ((i & 1) == 0) {
                    rec.access(Space.IO, true, 0xb3, 1, i & 0xff, 0);
                } else {
                    rec.access(Space.IO, false, 0xb3, 1, 0, 0);
                }
            }
        }
        try (TraceReader r = TraceReader.open(trace)) {
            long n = 0;
            while (r.hasNext()) {
                r.next();
                n++;
            }
            if (n != EVENTS) {
                throw new IllegalStateException("benchmark trace has " + n + " events, expected " + EVENTS);
            }
        }
        options = ReplayOptions.of(c).withContext(0);
    }

    @TearDown(Level.Trial)
    public void clean() throws Exception {
        Files.deleteIfExists(trace);
        Files.deleteIfExists(dir);
    }

    /** Events per second, one thread (the {@code threads} parameter does not apply). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long replaySingleThread() throws Exception {
        ReplayResult r = Replayer.replay(trace, options);
        if (!r.identical()) {
            throw new IllegalStateException("benchmark replay diverged");
        }
        return r.events();
    }

    /** Events per second over {@link #CELLS} matrix cells on {@code threads} workers. */
    @Benchmark
    @OperationsPerInvocation(CELLS * EVENTS)
    public int matrix() throws Exception {
        ReplayMatrix.Result m = ReplayMatrix.run(trace, TraceTarget.HEADER,
                ReplayMatrix.parse(List.of("release=7.2.22,7.2.22,7.2.22,7.2.22")), 0, threads);
        return m.cells().size();
    }
}
