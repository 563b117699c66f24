package dev.vmtrace.trace;

import dev.vmtrace.engine.input.BadInputException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over a whole trace, for {@code vmtrace inspect}: events by type, dispatches by region,
 * guest accesses (and how many were inferred), snapshots, and the reader's final status
 * (completeness, salvage, damage, stored bytes).
 */
public record TraceStats(TraceHeader header, TraceStatus status, Map<EventType, Long> byType,
                         Map<Integer, Long> dispatchesByRegion, List<RegionDefined> regions,
                         List<SnapshotInfo> snapshots, long guestAccesses, long inferred) {
    /** One snapshot: where it is, why it was taken, how big it is. */
    public record SnapshotInfo(long seq, long time, String label, int bytes) {
    }

    public TraceStats {
        byType = Map.copyOf(byType);
        dispatchesByRegion = Map.copyOf(dispatchesByRegion);
        regions = List.copyOf(regions);
        snapshots = List.copyOf(snapshots);
    }

    /** Reads {@code reader} to the end, skipping damage (it is listed in the status). */
    public static TraceStats collect(TraceReader reader) throws BadInputException {
        reader.skipDamage(true);
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        long[] perRegion = new long[64];
        List<SnapshotInfo> snaps = new ArrayList<>();
        long accesses = 0;
        long inferred = 0;
        while (reader.hasNext()) {
            TraceEvent e = reader.next();
            byType.merge(e.type(), 1L, Long::sum);
            if (e instanceof GuestAccess) {
                accesses++;
                if (((GuestAccess) e).inferred()) {
                    inferred++;
                }
            } else if (e instanceof Dispatch) {
                int r = ((Dispatch) e).region();
                if (r >= perRegion.length) {
                    perRegion = java.util.Arrays.copyOf(perRegion, Math.max(r + 1, perRegion.length * 2));
                }
                perRegion[r]++;
            } else if (e instanceof StateSnapshot) {
                StateSnapshot s = (StateSnapshot) e;
                snaps.add(new SnapshotInfo(s.seq(), s.time(), s.label(), s.stream().size()));
            }
        }
        Map<Integer, Long> byRegion = new TreeMap<>();
        for (int i = 0; i < perRegion.length; i++) {
            if (perRegion[i] != 0) {
                byRegion.put(i, perRegion[i]);
            }
        }
        return new TraceStats(reader.header(), reader.status(), byType, byRegion, reader.regions(), snaps,
                accesses, inferred);
    }

    /** Stored bytes per event. */
    public double bytesPerEvent() {
        return status.eventsRead() == 0 ? 0 : (double) status.frameBytes() / status.eventsRead();
    }

    /** Stored bytes per guest access (a source line, for imported QEMU logs of accesses). */
    public double bytesPerAccess() {
        return guestAccesses == 0 ? 0 : (double) status.frameBytes() / guestAccesses;
    }
}
