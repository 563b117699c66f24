package dev.vmtrace.benchmarks;

import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

/**
 * Recording speed, single thread: guest accesses (each a GuestAccess plus its delivered Dispatch,
 * i.e. two trace events) written through {@link TraceWriter} into a Chronicle queue, against a raw
 * {@link FileChannel} writer of the same accesses as fixed 32-byte records, in the same run.
 * Scores are accesses per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TraceWriteBenchmark {
    static final int N = 1 << 20;

    private AccessRun run;
    private Path dir;

    @Setup(Level.Trial)
    public void data() {
        run = new AccessRun(N, 42);
    }

    private TraceWriter chronicle;
    private TraceWriter file;
    private FileChannel raw;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(256 << 10).order(ByteOrder.LITTLE_ENDIAN);

    /** Writers stay open for a whole iteration: opening a queue is start-up cost, not recording. */
    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = Files.createTempDirectory("vmtrace-bench");
        TraceHeader h = TraceHeader.of("bench", "pc-q35-7.2", "", "", 1, Map.of());
        chronicle = TraceWriter.create(dir.resolve("q"), h);
        defineRegions(chronicle);
        file = TraceWriter.createFile(dir.resolve("f"), h);
        defineRegions(file);
        raw = FileChannel.open(dir.resolve("raw"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        chronicle.close();
        file.close();
        raw.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void defineRegions(TraceWriter w) throws IOException {
        w.append(new RegionDefined(0, 0, 1, "acpi-tmr", Space.IO, 0x608, 4, null, 0));
        w.append(new RegionDefined(0, 0, 2, "fwcfg", Space.IO, 0x510, 2, null, 0));
        w.append(new RegionDefined(0, 0, 3, "fwcfg.dma", Space.IO, 0x514, 8, null, 0));
    }

    static void writeAll(TraceWriter w, AccessRun r) throws IOException {
        for (int i = 0; i < r.n; i++) {
            w.access(r.time[i], 0, Space.IO, r.write[i] ? Direction.WRITE : Direction.READ, r.address[i], r.size[i],
                    r.value[i], false, r.region[i], r.value[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long chronicleTraceWriter() throws IOException {
        writeAll(chronicle, run);
        return chronicle.bytesWritten();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long singleFileTraceWriter() throws IOException {
        writeAll(file, run);
        return file.bytesWritten();
    }

    /** The baseline: each access as a fixed record (time, address, value, region, size, direction). */
    @Benchmark
    @OperationsPerInvocation(N)
    public long rawFileChannel() throws IOException {
        long bytes = 0;
        AccessRun r = run;
        ByteBuffer b = buf;
        b.clear();
        for (int i = 0; i < r.n; i++) {
            if (b.remaining() < 32) {
                b.flip();
                bytes += raw.write(b);
                b.clear();
            }
            b.putLong(r.time[i]).putLong(r.address[i]).putLong(r.value[i]).putInt(r.region[i])
                    .put((byte) r.size[i]).put((byte) (r.write[i] ? 1 : 0)).putShort((short) 0);
        }
        b.flip();
        bytes += raw.write(b);
        return bytes;
    }
}
