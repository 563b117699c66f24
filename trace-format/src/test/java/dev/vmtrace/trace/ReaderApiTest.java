package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.internal.ChunkDecoder;
import dev.vmtrace.trace.internal.Frames;
import dev.vmtrace.trace.internal.RegionTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push stream, damage handling through it, and skipping event types from a newer format. */
class ReaderApiTest {
    @TempDir
    Path tmp;

    @Test
    void pushStreamDeliversTypedEventsAndReportsDamageToOnError() throws Exception {
        Path file = tmp.resolve("t");
        List<TraceEvent> events = TestTraces.accessRun(5000, 3);
        try (TraceWriter w = TraceWriter.createFile(file, TestTraces.header()).chunkBytes(1024)) {
            TestTraces.write(w, events);
        }
        List<GuestAccess> accesses = new ArrayList<>();
        int[] all = new int[1];
        boolean[] closed = new boolean[1];
        try (TraceStream s = TraceStream.open(file)) {
            TraceStatus st = s.onEvent(GuestAccess.class, accesses::add).onEvent(e -> all[0]++)
                    .onClose(() -> closed[0] = true).start();
            assertTrue(st.clean());
        }
        assertEquals(5000, accesses.size());
        assertEquals(events.size(), all[0]);
        assertTrue(closed[0]);

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Path bad = tmp.resolve("bad");
        Files.write(bad, bytes);
        List<BadInputException> errors = new ArrayList<>();
        try (TraceStream s = TraceStream.open(bad)) {
            TraceStatus st = s.onEvent(e -> all[0]++).onError(errors::add).start();
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).offset() > 0);
            assertTrue(st.eventsLost() > 0);
            assertEquals(events.size() - st.eventsLost(), st.eventsRead());
        }
        try (TraceStream s = TraceStream.open(bad)) {
            assertThrows(BadInputException.class, () -> s.onEvent(e -> { }).start(), "no onError: damage stops start()");
        }
    }

    @Test
    void eventOfAnUnknownTypeIsSkippedByItsLength() throws Exception {
        // The golden chunk's first access, then an event of type 0x30 (from a newer format), then
        // a second access; the prefix says 5 events.
        byte[] chunk = HexFormat.of().parseHex("6400000000000000050000008813000000000000"
                + "a0019018d680f002" + "3003aabbcc" + "ac0a");
        RegionTable regions = new RegionTable();
        ChunkDecoder d = new ChunkDecoder();
        d.reset(chunk, chunk.length, "newer", 0, regions);
        List<TraceEvent> got = new ArrayList<>();
        while (d.hasNext()) {
            got.add(d.next());
        }
        assertEquals(4, got.size());
        assertEquals(100, got.get(0).seq());
        assertEquals(103, got.get(2).seq(), "the unknown event keeps its sequence number");
        assertEquals(0x2e0030L, ((GuestAccess) got.get(2)).value());
        assertEquals(1, d.skippedUnknown());
        // A frame kind from a newer format is skipped by the reader too.
        Path file = tmp.resolve("t");
        try (TraceWriter w = TraceWriter.createFile(file, TestTraces.header())) {
            TestTraces.write(w, TestTraces.everyType());
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] extra = Frames.frame(('V' | 'T' << 8 | 'X' << 16 | 'Y' << 24), new byte[] {1, 2, 3}, 3);
        int headerEnd = 8 + Frames.getIntLE(bytes, 12) + Frames.OVERHEAD;
        byte[] spliced = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, spliced, 0, headerEnd);
        System.arraycopy(extra, 0, spliced, headerEnd, extra.length);
        System.arraycopy(bytes, headerEnd, spliced, headerEnd + extra.length, bytes.length - headerEnd);
        Path newer = tmp.resolve("newer");
        Files.write(newer, spliced);
        try (TraceReader r = TraceReader.open(newer)) {
            assertEquals(TestTraces.everyType(), TestTraces.readAll(r));
            assertTrue(r.status().clean());
            assertFalse(r.status().damage().size() > 0);
        }
    }
}
