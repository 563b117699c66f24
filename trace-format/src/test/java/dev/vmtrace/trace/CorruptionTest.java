package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.internal.Frames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncation and bit flips in stored traces: always detected, located, and the rest salvaged. */
class CorruptionTest {
    @TempDir
    Path tmp;

    private List<TraceEvent> events;
    private byte[] bytes;
    /** Start offsets of the frames (header first, trailer last). */
    private final List<Integer> frames = new ArrayList<>();
    /** Events stored before each frame. */
    private final List<Long> eventsBefore = new ArrayList<>();

    @BeforeEach
    void writeTrace() throws Exception {
        events = new ArrayList<>(TestTraces.everyType());
        events.addAll(TestTraces.accessRun(6000, 7).subList(3, 12003));
        Path file = tmp.resolve("good");
        try (TraceWriter w = TraceWriter.createFile(file, TestTraces.header()).chunkBytes(1024)) {
            for (TraceEvent e : events) {
                w.append(e);
            }
        }
        try (TraceReader r = TraceReader.open(file)) {
            events = TestTraces.readAll(r);
        }
        bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long seen = 0;
        for (int p = 8; p < bytes.length; p += b.getInt(p + 4) + Frames.OVERHEAD) {
            frames.add(p);
            eventsBefore.add(seen);
            int kind = b.getInt(p);
            if (kind == Frames.CHUNK) {
                seen += b.getInt(p + Frames.PREFIX + 8);
            } else if (kind == Frames.REGION || kind == Frames.SNAPSHOT) {
                seen++;
            }
        }
        assertTrue(frames.size() > 20, "frames: " + frames.size());
    }

    private Path write(byte[] content) throws Exception {
        Path p = tmp.resolve("bad");
        Files.write(p, content);
        return p;
    }

    @Test
    void truncationAtEveryFrameBoundaryLeavesAnIncompleteCleanPrefix() throws Exception {
        for (int i = 1; i < frames.size(); i++) {
            int cut = frames.get(i);
            try (TraceReader r = TraceReader.open(write(java.util.Arrays.copyOf(bytes, cut)))) {
                assertFalse(r.header().complete(), "cut at " + cut);
                List<TraceEvent> got = TestTraces.readAll(r);
                assertEquals(events.subList(0, (int) (long) eventsBefore.get(i)), got, "cut at " + cut);
                assertFalse(r.status().complete());
                assertTrue(r.status().damage().isEmpty());
            }
        }
        BadInputException e = assertThrows(BadInputException.class,
                () -> TraceReader.open(write(java.util.Arrays.copyOf(bytes, frames.get(1) - 1))));
        assertEquals(8, e.offset());
    }

    @Test
    void truncationAtRandomOffsetsIsDetectedAndThePrefixSalvaged() throws Exception {
        Random rnd = new Random(11);
        for (int k = 0; k < 150; k++) {
            int cut = frames.get(1) + rnd.nextInt(bytes.length - frames.get(1));
            int frame = frameAt(cut);
            try (TraceReader r = TraceReader.open(write(java.util.Arrays.copyOf(bytes, cut)))) {
                assertFalse(r.header().complete());
                r.skipDamage(true);
                List<TraceEvent> got = TestTraces.readAll(r);
                assertEquals(events.subList(0, (int) (long) eventsBefore.get(frame)), got, "cut at " + cut);
                if (cut != frames.get(frame)) {
                    assertEquals((long) frames.get(frame), r.status().damage().get(0).location(), "cut at " + cut);
                    assertTrue(r.status().damage().get(0).problem().startsWith("truncated"));
                }
            }
        }
    }

    @Test
    void everyBitFlipIsDetectedWithItsFrameOffsetAndTheRestIsSalvaged() throws Exception {
        Random rnd = new Random(12);
        for (int k = 0; k < 200; k++) {
            int pos = frames.get(1) + rnd.nextInt(bytes.length - frames.get(1));
            byte[] bad = bytes.clone();
            bad[pos] ^= (byte) (1 << rnd.nextInt(8));
            int frame = frameAt(pos);
            Path p = write(bad);
            try (TraceReader r = TraceReader.open(p)) {
                assertThrows(BadInputException.class, () -> TestTraces.readAll(r), "flip at " + pos);
            }
            try (TraceReader r = TraceReader.open(p)) {
                r.skipDamage(true);
                List<TraceEvent> got = TestTraces.readAll(r);
                TraceStatus st = r.status();
                assertFalse(st.damage().isEmpty(), "flip at " + pos);
                assertEquals((long) frames.get(frame), st.damage().get(0).location(), "flip at " + pos);
                long lost = (frame + 1 < frames.size() ? eventsBefore.get(frame + 1) : events.size()) - eventsBefore.get(frame);
                if (frame + 1 < frames.size()) {
                    List<TraceEvent> expected = new ArrayList<>(events.subList(0, (int) (long) eventsBefore.get(frame)));
                    expected.addAll(events.subList((int) (long) eventsBefore.get(frame + 1), events.size()));
                    assertEquals(expected.size(), got.size(), "flip at " + pos);
                    assertEquals(lost, st.eventsLost(), "flip at " + pos);
                } else {
                    assertFalse(st.complete(), "a broken trailer leaves the trace incomplete");
                }
            }
        }
    }

    @Test
    void aFlipInTheHeaderOrMagicFailsOpenWithItsOffset() throws Exception {
        for (int pos : new int[] {0, 5, 9, frames.get(1) - 2}) {
            byte[] bad = bytes.clone();
            bad[pos] ^= 0x10;
            BadInputException e = assertThrows(BadInputException.class, () -> TraceReader.open(write(bad)));
            assertTrue(e.offset() == 0 || e.offset() == 8, e.getMessage());
        }
    }

    @Test
    void garbageWithValidCrcsOnlyEverRaisesBadInput() throws Exception {
        Random rnd = new Random(13);
        for (int k = 0; k < 1000; k++) {
            byte[] bad = bytes.clone();
            int frame = 1 + rnd.nextInt(frames.size() - 1);
            int start = frames.get(frame);
            int len = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).getInt(start + 4);
            if (len == 0) {
                continue;
            }
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = start + Frames.PREFIX + rnd.nextInt(len);
                bad[at] = rnd.nextInt(3) == 0 ? (byte) 0xff : (byte) rnd.nextInt(256);
            }
            Frames.putIntLE(bad, start + Frames.PREFIX + len, Frames.crc(bad, start, Frames.PREFIX + len));
            try (TraceReader r = TraceReader.open(write(bad))) {
                r.skipDamage(true);
                TestTraces.readAll(r);
            } catch (BadInputException expected) {
                // the only exception allowed
            } catch (RuntimeException | Error e) {
                fail("frame " + frame + " iteration " + k + ": " + e, e);
            }
        }
    }

    private int frameAt(int pos) {
        int i = 0;
        while (i + 1 < frames.size() && frames.get(i + 1) <= pos) {
            i++;
        }
        return i;
    }
}
