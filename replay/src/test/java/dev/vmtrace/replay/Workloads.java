package dev.vmtrace.replay;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.testing.RealQemu;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: the bundled workloads, recording them, finding events in a trace. */
final class Workloads {
    private Workloads() {
    }

    static Path workload(String name) {
        return RealQemu.repoDir().resolve("samples").resolve("workloads").resolve(name + ".qtest");
    }

    static MachineConfig config(String machine, String release, Accel accel) {
        return MachineConfig.parse(machine, null, null, List.of(), List.of(), Release.parse(release), accel, null);
    }

    /** Records workload {@code name} on {@code c} into a single-file trace under {@code dir}. */
    static Path record(Path dir, String name, MachineConfig c) throws Exception {
        Path out = dir.resolve(name + "-" + c.release() + "-" + c.accel() + ".vmtrace");
        try (TraceWriter w = TraceWriter.createFile(out, Recorder.header(c, name));
             Reader in = Files.newBufferedReader(workload(name), StandardCharsets.UTF_8)) {
            Recorder rec = new Recorder(w, new EngineRun(c));
            new Workload(rec, name).run(in);
        }
        return out;
    }

    /** The sequence number of the first guest access at {@code address} of {@code size} bytes. */
    static long seqOf(Path trace, long address, int size) throws Exception {
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                if (e instanceof GuestAccess && ((GuestAccess) e).address() == address
                        && ((GuestAccess) e).size() == size) {
                    return e.seq();
                }
            }
        }
        throw new AssertionError("no access at 0x" + Long.toHexString(address));
    }
}
