package dev.vmtrace.replay;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.memory.Space;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.StateSnapshot;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Drives a trace's guest accesses, host events and snapshot points through an engine while
 * recording what that engine does: the reference behaviour of one configuration, which
 * {@link Bisect} then compares other releases against.
 */
public final class Rerecord {
    private Rerecord() {
    }

    /** Re-records {@code in} on {@code c} into the single-file trace {@code out}; returns its path. */
    public static Path run(Path in, MachineConfig c, Path out) throws BadInputException, IOException {
        try (TraceReader r = TraceReader.open(in)) {
            TraceHeader h = r.header();
            boolean imported = h.creator().startsWith("vmtrace import")
                    || "inferred".equals(h.options().get(Recorder.OPT_PLACEMENT));
            Map<String, String> extra = imported ? Map.of(Recorder.OPT_PLACEMENT, "inferred") : Map.of();
            try (TraceWriter w = TraceWriter.createFile(out, Recorder.header(c, "re-record of " + in.getFileName(),
                    extra))) {
                Recorder rec = new Recorder(w, new EngineRun(c));
                while (r.hasNext()) {
                    TraceEvent e = r.next();
                    if (e instanceof GuestAccess) {
                        GuestAccess a = (GuestAccess) e;
                        if (Integer.bitCount(a.size()) != 1) {
                            throw BadInputException.unreadable(in.toString(), "event #" + a.seq() + ": access size "
                                    + a.size() + " is not 1, 2, 4 or 8", null);
                        }
                        rec.access(a.space() == dev.vmtrace.trace.Space.IO ? Space.IO : Space.MEMORY,
                                a.direction() == Direction.WRITE, a.address(), a.size(), a.value(), a.vcpu());
                    } else if (e instanceof HostEvent) {
                        HostEvent he = (HostEvent) e;
                        rec.host(he.kind(), he.argument());
                    } else if (e instanceof StateSnapshot) {
                        rec.snapshot(((StateSnapshot) e).label());
                    } else if (e instanceof RegionDefined && imported) {
                        Placement.place(rec.run().machine(), (RegionDefined) e);
                    }
                }
            }
        }
        return out;
    }
}
