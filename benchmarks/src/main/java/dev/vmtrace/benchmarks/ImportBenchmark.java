package dev.vmtrace.benchmarks;

import dev.vmtrace.trace.ImportSummary;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.Inputs;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

/**
 * QEMU log import speed, in-process and warmed up: the first 200,000 lines of the real OVMF boot
 * trace (decompressed into memory once) parsed and written as a single-file trace. Scores are
 * lines per microsecond; multiply by the 96 bytes of an average line for bytes/us. The
 * whole-process comparison against awk is {@code scripts/bench-import.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ImportBenchmark {
    static final int LINES = 200_000;

    private byte[] log;
    private Path out;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path p = Path.of(System.getProperty("vmtrace.repo.dir", "."), "samples/real/trace/ovmf-q35-smp2-max4.head200k.log.gz");
        try (InputStream in = Inputs.open(p, null)) {
            log = in.readAllBytes();
        }
        out = Files.createTempFile("vmtrace-import", ".vmtrace");
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        Files.deleteIfExists(out);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long qemuLogToSingleFile() throws Exception {
        try (TraceWriter w = TraceWriter.createFile(out, TraceHeader.of("bench", "pc-q35-7.2", "7.2.22", "", 0, Map.of()))) {
            ImportSummary s = new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22")
                    .importTo(new ByteArrayInputStream(log), "head200k", w);
            if (s.lines() != LINES) {
                throw new IllegalStateException("imported " + s.lines() + " lines");
            }
            return s.events();
        }
    }
}
