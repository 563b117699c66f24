package dev.vmtrace.trace.internal;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.StateSnapshot;

/**
 * Seeking through a trace's {@code VTIX} index. The index is trusted for nothing: it is checked
 * against the trailer when loaded, and every frame it points to is read and checked (kind, start
 * seq) before the reader is positioned there. Any mismatch makes the index unusable for the rest
 * of the reader's life and the caller falls back to scanning from the start, which sees the trace
 * as it really is. Methods never throw for a bad index; {@link #problem()} says what was wrong.
 */
public final class IndexSeeker {
    private final FrameSource source;
    private TraceIndex index;
    private String problem;
    private final boolean chunksIndexed;

    private IndexSeeker(FrameSource source, TraceIndex index, String problem, boolean chunksIndexed) {
        this.source = source;
        this.index = index;
        this.problem = problem;
        this.chunksIndexed = chunksIndexed;
    }

    /**
     * Loads the index of a trace whose trailer (at {@code trailerLocation}) is {@code trailer}; a
     * null trailer means the trace is incomplete and has no index.
     */
    public static IndexSeeker load(FrameSource source, long trailerLocation, Trailer trailer) {
        if (trailer == null) {
            return new IndexSeeker(source, null, "no trailer (not closed cleanly)", false);
        }
        TraceIndex t;
        try {
            Frame f = source.indexFrame(trailerLocation);
            if (f == null) {
                return new IndexSeeker(source, null, "no index frame (written before indexes existed)", false);
            }
            t = MetaCodec.decodeIndex(f, source.name());
        } catch (BadInputException e) {
            return new IndexSeeker(source, null, "index damaged: " + e.problem(), false);
        }
        String bad = check(t, trailer, source.indexForm());
        if (bad != null) {
            return new IndexSeeker(source, null, "index damaged: " + bad, false);
        }
        return new IndexSeeker(source, t, null, t.chunks().size() == trailer.chunkCount());
    }

    private static String check(TraceIndex t, Trailer tr, int form) {
        if (t.form() != form) {
            return "its positions are for the other storage form";
        }
        if (t.snapshots().size() != tr.snapshotCount() || t.regions().size() != tr.regionCount()
                || (t.chunks().size() != tr.chunkCount() && t.chunks().size() != 0)) {
            return "its counts do not match the trailer's";
        }
        for (TraceIndex.Entries e : new TraceIndex.Entries[] {t.snapshots(), t.regions(), t.chunks()}) {
            if (e.size() > 0 && e.seq(e.size() - 1) >= tr.eventCount()) {
                return "an entry lies past the last event";
            }
        }
        return null;
    }

    /** True while the index is usable. */
    public boolean usable() {
        return index != null;
    }

    /** True when seeking to a sequence number can use the index (it lists every chunk). */
    public boolean chunksIndexed() {
        return index != null && chunksIndexed;
    }

    /** Why the index is not (or no longer) used; null while it is usable. */
    public String problem() {
        return problem;
    }

    /** The loaded index, or null when unusable. */
    public TraceIndex index() {
        return index;
    }

    /** Snapshots in the index (0 when unusable). */
    public int snapshotCount() {
        return index == null ? 0 : index.snapshots().size();
    }

    /**
     * Positions the source on snapshot {@code n} with the regions before it in {@code regions}.
     * Returns its seq, or -1 when the index could not be used (the caller scans instead).
     */
    public long toSnapshot(int n, RegionTable regions) {
        TraceIndex.Entries s = index.snapshots();
        return land(s.seq(n), s.position(n), Frames.SNAPSHOT, regions) ? s.seq(n) : -1;
    }

    /**
     * Positions the source on the frame holding {@code seq} (the last frame starting at or before
     * it), with the regions before that frame in {@code regions}. Returns that frame's start seq,
     * or -1 when the index cannot be used or no frame starts at or before {@code seq}.
     */
    public long toSeq(long seq, RegionTable regions) {
        long bestSeq = -1;
        long bestPos = -1;
        int bestKind = 0;
        TraceIndex.Entries[] lists = {index.chunks(), index.regions(), index.snapshots()};
        int[] kinds = {Frames.CHUNK, Frames.REGION, Frames.SNAPSHOT};
        for (int k = 0; k < lists.length; k++) {
            int i = lists[k].floor(seq);
            if (i >= 0 && lists[k].seq(i) > bestSeq) {
                bestSeq = lists[k].seq(i);
                bestPos = lists[k].position(i);
                bestKind = kinds[k];
            }
        }
        if (bestSeq < 0) {
            return -1;
        }
        return land(bestSeq, bestPos, bestKind, regions) ? bestSeq : -1;
    }

    private boolean land(long startSeq, long position, int kind, RegionTable regions) {
        try {
            regions.clear();
            TraceIndex.Entries r = index.regions();
            for (int i = 0, n = r.countBelow(startSeq); i < n; i++) {
                Frame f = frameAt(r.position(i), Frames.REGION);
                RegionDefined d = MetaCodec.decode(f, RegionDefined.class, source.name());
                if (d.seq() != r.seq(i)) {
                    return unusable("region entry " + i + " points to the region of seq " + d.seq());
                }
                regions.put(d);
            }
            Frame f = frameAt(position, kind);
            long first = startSeq(f, source.name());
            if (first != startSeq) {
                return unusable("entry for seq " + startSeq + " points to a frame starting at seq " + first);
            }
            source.position(position);
            return true;
        } catch (BadInputException e) {
            return unusable("at " + source.locationUnit() + " " + e.offset() + ": " + e.problem());
        }
    }

    private Frame frameAt(long position, int kind) throws BadInputException {
        source.position(position);
        Frame f = source.next();
        if (f == null || f.kind() != kind || f.location() != position) {
            throw BadInputException.atOffset(source.name(), position, "no " + Frames.kindName(kind) + " frame here");
        }
        return f;
    }

    /** The seq a chunk, region or snapshot frame starts at. */
    public static long startSeq(Frame f, String name) throws BadInputException {
        if (f.kind() == Frames.CHUNK) {
            return ChunkDecoder.firstSeq(f.payload(), f.length());
        }
        if (f.kind() == Frames.REGION) {
            return MetaCodec.decode(f, RegionDefined.class, name).seq();
        }
        if (f.kind() == Frames.SNAPSHOT) {
            return MetaCodec.decode(f, StateSnapshot.class, name).seq();
        }
        throw new IllegalArgumentException("not an indexed frame kind: " + Frames.kindName(f.kind()));
    }

    private boolean unusable(String why) {
        index = null;
        problem = "index damaged: " + why;
        return false;
    }
}
