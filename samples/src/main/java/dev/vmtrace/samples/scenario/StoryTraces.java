package dev.vmtrace.samples.scenario;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.replay.EngineRun;
import dev.vmtrace.replay.Recorder;
import dev.vmtrace.replay.Workload;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Recording a bundled workload into a temporary trace and finding events in it, for stories. */
public final class StoryTraces {
    private StoryTraces() {
    }

    /**
     * Runs the qtest workload on classpath resource {@code resource} on a fresh engine of
     * {@code config} and records it into the single-file trace {@code out}.
     */
    public static Path record(String resource, MachineConfig config, Path out) throws IOException, BadInputException {
        recordRun(resource, config, out);
        return out;
    }

    /** As {@link #record}, returning the engine run so a story can read the recorded end state. */
    public static EngineRun recordRun(String resource, MachineConfig config, Path out) throws IOException, BadInputException {
        String text = StoryResources.text(resource);
        EngineRun run = new EngineRun(config);
        try (TraceWriter w = TraceWriter.createFile(out, Recorder.header(config, resource))) {
            Recorder rec = new Recorder(w, run);
            new Workload(rec, resource).run(new StringReader(text));
        }
        return run;
    }

    /** The sequence number of the first host event of {@code kind}, or -1. */
    public static long hostEvent(Path trace, HostEventKind kind) throws IOException, BadInputException {
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                if (e instanceof HostEvent && ((HostEvent) e).kind() == kind) {
                    return e.seq();
                }
            }
        }
        return -1;
    }

    /** The first guest access at {@code address} of {@code size} bytes, or null. */
    public static GuestAccess access(Path trace, long address, int size) throws IOException, BadInputException {
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                if (e instanceof GuestAccess && ((GuestAccess) e).address() == address && ((GuestAccess) e).size() == size) {
                    return (GuestAccess) e;
                }
            }
        }
        return null;
    }

    /** Deletes a temporary directory tree; a leftover is harmless, so failures are ignored. */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
