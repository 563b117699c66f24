package dev.vmtrace.trace.internal;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * The seek index of a trace (payload of the {@code VTIX} frame, byte table in
 * docs/trace-format.md): for every snapshot, region and chunk frame, the sequence number it starts
 * at and where the frame is (a file offset in the single file, a Chronicle excerpt index in the
 * queue). Snapshot ordinal {@code n} is entry {@code n} of {@link #snapshots()}. Regions are
 * listed because decoding a chunk needs the regions defined before it.
 */
public final class TraceIndex {
    /** Positions are Chronicle excerpt indexes. */
    public static final int FORM_QUEUE = 0;
    /** Positions are byte offsets in a single file. */
    public static final int FORM_FILE = 1;
    /** Largest entry count per list, written or read (documented cap: 4,194,304). */
    public static final int MAX_ENTRIES = 1 << 22;

    private final int form;
    private final Entries snapshots = new Entries();
    private final Entries regions = new Entries();
    private final Entries chunks = new Entries();

    public TraceIndex(int form) {
        if (form != FORM_QUEUE && form != FORM_FILE) {
            throw new IllegalArgumentException("unknown index form " + form);
        }
        this.form = form;
    }

    public int form() {
        return form;
    }

    public Entries snapshots() {
        return snapshots;
    }

    public Entries regions() {
        return regions;
    }

    /** Every chunk, or none when a writer had more than {@link #MAX_ENTRIES} (seek by seq then scans). */
    public Entries chunks() {
        return chunks;
    }

    /** A copy whose positions went through {@code resolve} (writers resolve provisional positions). */
    public TraceIndex resolved(LongUnaryOperator resolve) {
        TraceIndex t = new TraceIndex(form);
        snapshots.copyTo(t.snapshots, resolve);
        regions.copyTo(t.regions, resolve);
        chunks.copyTo(t.chunks, resolve);
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceIndex && ((TraceIndex) o).form == form && ((TraceIndex) o).snapshots.equals(snapshots)
                && ((TraceIndex) o).regions.equals(regions) && ((TraceIndex) o).chunks.equals(chunks);
    }

    @Override
    public int hashCode() {
        return form + 31 * snapshots.hashCode() + 961 * chunks.hashCode() + regions.hashCode();
    }

    @Override
    public String toString() {
        return "TraceIndex[form " + form + ", snapshots " + snapshots + ", regions " + regions + ", chunks "
                + chunks + "]";
    }

    /** A growable list of (start seq, position) pairs in trace order. */
    public static final class Entries {
        private long[] seqs = new long[16];
        private long[] positions = new long[16];
        private int size;

        /** Appends an entry; false (nothing added) once the list holds {@link #MAX_ENTRIES}. */
        public boolean add(long seq, long position) {
            if (size == MAX_ENTRIES) {
                return false;
            }
            if (size == seqs.length) {
                seqs = Arrays.copyOf(seqs, size * 2);
                positions = Arrays.copyOf(positions, size * 2);
            }
            seqs[size] = seq;
            positions[size] = position;
            size++;
            return true;
        }

        public void clear() {
            size = 0;
        }

        public int size() {
            return size;
        }

        public long seq(int i) {
            return seqs[checked(i)];
        }

        public long position(int i) {
            return positions[checked(i)];
        }

        private int checked(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i + " of " + size);
            }
            return i;
        }

        /** The last entry whose seq is {@code <= seq}, or -1 if the first entry is already past it. */
        public int floor(long seq) {
            int lo = 0;
            int hi = size - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (seqs[mid] <= seq) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        /** Entries with seq below {@code seq}. */
        public int countBelow(long seq) {
            return seq == Long.MIN_VALUE ? 0 : floor(seq - 1) + 1;
        }

        void copyTo(Entries to, LongUnaryOperator resolve) {
            for (int i = 0; i < size; i++) {
                to.add(seqs[i], resolve.applyAsLong(positions[i]));
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entries && ((Entries) o).size == size
                    && Arrays.equals(seqs, 0, size, ((Entries) o).seqs, 0, size)
                    && Arrays.equals(positions, 0, size, ((Entries) o).positions, 0, size);
        }

        @Override
        public int hashCode() {
            return size;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < size; i++) {
                b.append(i == 0 ? "" : ", ").append(seqs[i]).append('@').append(positions[i]);
            }
            return b.append(']').toString();
        }
    }
}
