package dev.vmtrace.benchmarks;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.OutcomeRecorder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Guest port accesses per second through the modeled APM region of pc-q35-7.2: unsplit (one byte
 * callback), split (a dword becomes four byte callbacks, running past the region end), a buffer
 * path access cut into pieces that land in two regions, and the same with the outcome recorded.
 *
 * <p>Smoke run: {@code java -jar benchmarks/target/benchmarks.jar DispatchBenchmark -f 1 -wi 1 -i 2 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DispatchBenchmark {
    @Param({"kvm", "tcg"})
    public String accel;

    private Machine machine;
    private final OutcomeRecorder recorder = new OutcomeRecorder();
    private long value;

    @Setup
    public void setup() {
        machine = Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(), List.of(), Release.DEFAULT,
                Accel.parse(accel), null));
    }

    /** outb 0xb3: one delivered byte callback. */
    @Benchmark
    public void unsplitWrite() {
        machine.out(0xb3, ++value, 1, 0, AccessSink.DISCARD);
    }

    /** inb 0xb3. */
    @Benchmark
    public long unsplitRead() {
        return machine.in(0xb3, 1, 0, AccessSink.DISCARD);
    }

    /** outl 0xb2: one region, impl split into four byte callbacks (two past the end). */
    @Benchmark
    public void splitWrite() {
        machine.out(0xb2, ++value, 4, 0, AccessSink.DISCARD);
    }

    /** inl 0xb1: on the buffer path three pieces in two regions (io, apm-io, io). */
    @Benchmark
    public long crossRegionRead() {
        return machine.in(0xb1, 4, 0, AccessSink.DISCARD);
    }

    /** outl 0xb2 with every dispatch collected into outcome records (the recorder's cost). */
    @Benchmark
    public int splitWriteRecorded() {
        recorder.clear();
        machine.out(0xb2, ++value, 4, 0, recorder);
        return recorder.dispatches().size();
    }
}
