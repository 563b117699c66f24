package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.internal.Frame;
import dev.vmtrace.trace.internal.Frames;
import dev.vmtrace.trace.internal.MetaCodec;
import dev.vmtrace.trace.internal.TraceIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seek index (VTIX): seeking through it lands on the same event as scanning, in both storage
 * forms; traces without it (cut short, written before it) seek by scanning; a damaged or lying
 * index is noticed and the reader scans instead.
 */
class SeekIndexTest {
    private static final int SNAPSHOTS = 40;

    @TempDir
    static Path tmp;

    /** All events of the test trace as written (seqs as the writer assigns them). */
    private static List<TraceEvent> events;
    /** Positions of the snapshots in {@link #events}. */
    private static final List<Integer> snapshotAt = new ArrayList<>();
    private static Path file;
    private static Path queue;
    private static byte[] bytes;

    @BeforeAll
    static void writeTraces() throws Exception {
        List<TraceEvent> run = TestTraces.accessRun(12_000, 5);
        events = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            TraceEvent e = run.get(i);
            events.add(e);
            if (i > 3 && i % (run.size() / SNAPSHOTS) == 0 && snapshotAt.size() < SNAPSHOTS) {
                snapshotAt.add(events.size());
                events.add(new StateSnapshot(0, e.time(), "periodic", ImmutableBytes.copyOf(new byte[] {(byte) i, 7})));
            }
            if (i == run.size() / 2) {
                events.add(new RegionDefined(0, e.time(), 9, "late", Space.MEMORY, 0xfe000000L, 0x1000, null, 0));
            }
        }
        file = tmp.resolve("t.vmtrace");
        queue = tmp.resolve("q");
        try (TraceWriter w = TraceWriter.createFile(file, TestTraces.header()).chunkBytes(1024)) {
            TestTraces.write(w, events);
        }
        // In the background form, the first frames get their excerpt indexes only once the queue is open.
        try (TraceWriter w = TraceWriter.createInBackground(queue, TestTraces.header()).chunkBytes(1024)) {
            TestTraces.write(w, events);
        }
        try (TraceReader r = TraceReader.open(file)) {
            events = TestTraces.readAll(r);
            assertTrue(r.status().chunksRead() > 60, "chunks: " + r.status().chunksRead());
        }
        bytes = Files.readAllBytes(file);
    }

    /** Checks every snapshot and a spread of seqs against the events as read in order. */
    private static void seeksLandRight(TraceReader r) throws BadInputException {
        for (int n = SNAPSHOTS - 1; n >= 0; n -= 3) {
            assertTrue(r.seekToSnapshot(n), "snapshot " + n);
            int at = snapshotAt.get(n);
            assertEquals(events.subList(at, Math.min(events.size(), at + 50)), next(r, 50), "snapshot " + n);
            assertEquals(regionsBefore(events.get(at).seq()), r.regions(), "snapshot " + n);
        }
        assertFalse(r.seekToSnapshot(SNAPSHOTS));
        assertFalse(r.hasNext());
        Random rnd = new Random(3);
        for (int k = 0; k < 30; k++) {
            int seq = rnd.nextInt(events.size());
            r.seek(seq);
            List<TraceEvent> got = next(r, 20);
            assertEquals(events.subList(seq, Math.min(events.size(), seq + 20)), got, "seq " + seq);
        }
        r.seek(events.size() - 1);
        assertEquals(events.get(events.size() - 1), r.next());
        assertFalse(r.hasNext());
        r.seek(0);
        assertEquals(events, TestTraces.readAll(r));
    }

    private static List<TraceEvent> next(TraceReader r, int n) throws BadInputException {
        List<TraceEvent> l = new ArrayList<>();
        while (l.size() < n && r.hasNext()) {
            l.add(r.next());
        }
        return l;
    }

    private static List<RegionDefined> regionsBefore(long seq) {
        List<RegionDefined> l = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e.seq() < seq && e instanceof RegionDefined) {
                l.add((RegionDefined) e);
            }
        }
        return l;
    }

    @Test
    void seeksThroughTheIndexInTheSingleFile() throws Exception {
        try (TraceReader r = TraceReader.open(file)) {
            assertEquals(new IndexStatus(true, SNAPSHOTS, true, null), r.indexStatus());
            seeksLandRight(r);
            assertTrue(r.indexStatus().indexed(), "still indexed after all seeks: " + r.indexStatus());
        }
    }

    @Test
    void seeksThroughTheIndexInTheChronicleQueue() throws Exception {
        try (TraceReader r = TraceReader.open(queue)) {
            assertEquals(new IndexStatus(true, SNAPSHOTS, true, null), r.indexStatus());
            seeksLandRight(r);
            assertTrue(r.indexStatus().indexed(), "still indexed after all seeks: " + r.indexStatus());
        }
    }

    @Test
    void copiesBetweenFormsRebuildTheIndex() throws Exception {
        Path f = tmp.resolve("from-queue.vmtrace");
        Path q = tmp.resolve("from-file");
        TraceFiles.copy(queue, f, true);
        TraceFiles.copy(f, q, false);
        for (Path p : List.of(f, q)) {
            try (TraceReader r = TraceReader.open(p)) {
                assertTrue(r.indexStatus().indexed(), p + ": " + r.indexStatus());
                seeksLandRight(r);
                assertTrue(r.indexStatus().indexed(), p + ": " + r.indexStatus());
            }
        }
        assertTrue(Arrays.equals(bytes, Files.readAllBytes(f)), "the file form is the same bytes either way");
    }

    @Test
    void aTraceCutShortSeeksByScanning() throws Exception {
        int ix = GoldenFilesTest.indexFrameOffset(bytes);
        Path cut = tmp.resolve("cut.vmtrace");
        Files.write(cut, Arrays.copyOf(bytes, ix));
        try (TraceReader r = TraceReader.open(cut)) {
            assertFalse(r.header().complete());
            IndexStatus st = r.indexStatus();
            assertFalse(st.indexed());
            assertTrue(st.reason().startsWith("no trailer"), st.reason());
            seeksLandRight(r);
        }
    }

    @Test
    void aBitFlipInTheIndexIsDamageAndSeeksScan() throws Exception {
        int ix = GoldenFilesTest.indexFrameOffset(bytes);
        byte[] bad = bytes.clone();
        bad[ix + Frames.PREFIX + 5] ^= 0x04;
        try (TraceReader r = TraceReader.open(write("flipped", bad))) {
            assertTrue(r.header().complete());
            IndexStatus st = r.indexStatus();
            assertFalse(st.indexed());
            assertTrue(st.reason().contains("index damaged"), st.reason());
            // Reading past the events meets the damaged frame, like any other damage.
            r.skipDamage(true);
            seeksLandRight(r);
            assertEquals((long) ix, r.status().damage().get(0).location());
            assertEquals(0, r.status().eventsLost());
        }
    }

    /** An index that decodes and agrees with the trailer but points to the wrong frames. */
    @Test
    void anIndexPointingToTheWrongFramesIsNoticedOnLanding() throws Exception {
        TraceIndex good = storedIndex();
        List<TraceIndex> lies = new ArrayList<>();
        lies.add(shifted(good, 0, 1, 0));     // every snapshot position one snapshot later
        lies.add(shifted(good, 0, 0, 1));     // every chunk position one chunk later
        lies.add(shifted(good, 1, 0, 0));     // every region position one region later
        TraceIndex beyond = good.resolved(p -> p + bytes.length); // past the end of the file
        lies.add(beyond);
        for (TraceIndex lie : lies) {
            try (TraceReader r = TraceReader.open(write("lie", withIndex(lie)))) {
                assertTrue(r.indexStatus().indexed(), "it looks fine until used");
                seeksLandRight(r);
                IndexStatus st = r.indexStatus();
                assertFalse(st.indexed(), lie.toString());
                assertTrue(st.reason().startsWith("index damaged"), st.reason());
            }
        }
    }

    /** Random bytes in the index payload, CRC recomputed: never an exception, seeks always right. */
    @Test
    void garbageInTheIndexWithAValidCrcFallsBackToScanning() throws Exception {
        int ix = GoldenFilesTest.indexFrameOffset(bytes);
        int len = Frames.getIntLE(bytes, ix + 4);
        Random rnd = new Random(21);
        for (int k = 0; k < 60; k++) {
            byte[] bad = bytes.clone();
            for (int f = 1 + rnd.nextInt(3); f > 0; f--) {
                bad[ix + Frames.PREFIX + rnd.nextInt(len)] = (byte) rnd.nextInt(256);
            }
            Frames.putIntLE(bad, ix + Frames.PREFIX + len, Frames.crc(bad, ix, Frames.PREFIX + len));
            try (TraceReader r = TraceReader.open(write("garbage", bad))) {
                for (int n : new int[] {0, 17, SNAPSHOTS - 1}) {
                    assertTrue(r.seekToSnapshot(n));
                    assertEquals(events.get(snapshotAt.get(n)), r.next(), "try " + k);
                }
                int seq = rnd.nextInt(events.size());
                r.seek(seq);
                assertEquals(events.get(seq), r.next(), "try " + k);
            }
        }
    }

    /**
     * Garbage with valid CRCs in any frame (regions and snapshots the index points to, chunks, the
     * index): seeking raises nothing but BadInputException, and with skipDamage nothing at all.
     */
    @Test
    void garbageAnywhereOnlyEverRaisesBadInputWhenSeeking() throws Exception {
        List<Integer> frames = new ArrayList<>();
        for (int p = 8; p < bytes.length; p += Frames.getIntLE(bytes, p + 4) + Frames.OVERHEAD) {
            frames.add(p);
        }
        Random rnd = new Random(34);
        for (int k = 0; k < 150; k++) {
            byte[] bad = bytes.clone();
            int start = frames.get(1 + rnd.nextInt(frames.size() - 1));
            int len = Frames.getIntLE(bad, start + 4);
            for (int f = 1 + rnd.nextInt(4); f > 0 && len > 0; f--) {
                bad[start + Frames.PREFIX + rnd.nextInt(len)] = (byte) rnd.nextInt(256);
            }
            Frames.putIntLE(bad, start + Frames.PREFIX + len, Frames.crc(bad, start, Frames.PREFIX + len));
            try (TraceReader r = TraceReader.open(write("anywhere", bad))) {
                r.skipDamage(true);
                for (int i = 0; i < 3; i++) {
                    r.seekToSnapshot(rnd.nextInt(SNAPSHOTS + 1));
                    next(r, 5);
                    r.seek(rnd.nextInt(events.size()));
                    next(r, 5);
                }
            } catch (BadInputException e) {
                // typed, as promised
            }
        }
    }

    @Test
    void inspectCountsMatchTheIndex() throws Exception {
        try (TraceReader r = TraceReader.open(file)) {
            TraceStats s = TraceStats.collect(r);
            assertEquals(SNAPSHOTS, s.snapshots().size());
            assertEquals(s.snapshots().size(), r.indexStatus().snapshots());
            assertTrue(s.status().clean());
        }
    }

    private static Path write(String name, byte[] content) throws Exception {
        Path p = tmp.resolve(name + ".vmtrace");
        Files.write(p, content);
        return p;
    }

    private static TraceIndex storedIndex() throws BadInputException {
        int ix = GoldenFilesTest.indexFrameOffset(bytes);
        int len = Frames.getIntLE(bytes, ix + 4);
        byte[] payload = Arrays.copyOfRange(bytes, ix + Frames.PREFIX, ix + Frames.PREFIX + len);
        return MetaCodec.decodeIndex(new Frame(Frames.INDEX, ix, payload, len), "test");
    }

    /** The index with each list's positions moved {@code by} entries later (the last keeps its own). */
    private static TraceIndex shifted(TraceIndex t, int regions, int snapshots, int chunks) {
        TraceIndex s = new TraceIndex(t.form());
        shift(t.regions(), s.regions(), regions);
        shift(t.snapshots(), s.snapshots(), snapshots);
        shift(t.chunks(), s.chunks(), chunks);
        return s;
    }

    private static void shift(TraceIndex.Entries from, TraceIndex.Entries to, int by) {
        for (int i = 0; i < from.size(); i++) {
            int j = Math.min(i + by, from.size() - 1);
            long pos = i + by < from.size() ? from.position(j) : from.position(j) + 1;
            to.add(from.seq(i), pos);
        }
    }

    /** The trace with its index frame replaced by one holding {@code t} (the trailer follows). */
    private static byte[] withIndex(TraceIndex t) {
        int ix = GoldenFilesTest.indexFrameOffset(bytes);
        int len = Frames.getIntLE(bytes, ix + 4);
        byte[] payload = MetaCodec.encodeIndex(t);
        byte[] frame = Frames.frame(Frames.INDEX, payload, payload.length);
        byte[] tail = Arrays.copyOfRange(bytes, ix + len + Frames.OVERHEAD, bytes.length);
        byte[] out = Arrays.copyOf(bytes, ix + frame.length + tail.length);
        System.arraycopy(frame, 0, out, ix, frame.length);
        System.arraycopy(tail, 0, out, ix + frame.length, tail.length);
        return out;
    }
}
