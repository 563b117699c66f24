package dev.vmtrace.benchmarks;

import dev.vmtrace.compat.check.CompatChecker;
import dev.vmtrace.compat.check.CompatResult;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.source.StreamSchemas;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing QEMU 7.2's real migration streams (all sections decoded through the vmdesc) and comparing
 * them. The streams are read from {@code samples/real/mig} under {@code -Dvmtrace.repo.dir} (default:
 * the working directory or its parent).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompatBenchmark {
    private byte[] i440fx;
    private byte[] q35;
    private SchemaSet i440fxSchemas;
    private SchemaSet q35Schemas;

    @Setup
    public void load() throws IOException, BadInputException {
        Path mig = realMig();
        i440fx = Files.readAllBytes(mig.resolve("pc-i440fx-7.2.bin"));
        q35 = Files.readAllBytes(mig.resolve("pc-q35-7.2.bin"));
        i440fxSchemas = StreamSchemas.of(MigrationStreamReader.read("i440fx", i440fx), "i440fx");
        q35Schemas = StreamSchemas.of(MigrationStreamReader.read("q35", q35), "q35");
    }

    static Path realMig() {
        String repo = System.getProperty("vmtrace.repo.dir");
        for (Path base : repo != null ? new Path[] {Paths.get(repo)} : new Path[] {Paths.get("."), Paths.get("..")}) {
            Path mig = base.resolve("samples").resolve("real").resolve("mig");
            if (Files.isDirectory(mig)) {
                return mig;
            }
        }
        throw new IllegalStateException("samples/real/mig not found; set -Dvmtrace.repo.dir");
    }

    /** Reads and decodes the whole i440fx stream (31 sections, 8,322 RAM pages, 98 KB vmdesc). */
    @Benchmark
    public MigrationStream parseI440fx() throws BadInputException {
        return MigrationStreamReader.read("i440fx", i440fx);
    }

    /** Compares already-parsed streams, q35 to i440fx. */
    @Benchmark
    public CompatResult compareQ35ToI440fx() {
        return CompatChecker.check(q35Schemas, i440fxSchemas);
    }

    /** The whole of {@code vmtrace compat a.bin b.bin} minus JVM start: parse both, build schemas, compare. */
    @Benchmark
    public CompatResult parseAndCompare() throws BadInputException {
        SchemaSet a = StreamSchemas.of(MigrationStreamReader.read("q35", q35), "q35");
        SchemaSet b = StreamSchemas.of(MigrationStreamReader.read("i440fx", i440fx), "i440fx");
        return CompatChecker.check(a, b);
    }
}
