package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void everyEventTypeRoundTripsThroughChronicle() throws Exception {
        Path dir = tmp.resolve("q");
        try (TraceWriter w = TraceWriter.create(dir, TestTraces.header())) {
            TestTraces.write(w, TestTraces.everyType());
        }
        try (TraceReader r = TraceReader.open(dir)) {
            assertTrue(r.header().complete());
            assertEquals("pc-q35-7.2", r.header().machineType());
            assertEquals(TestTraces.everyType(), TestTraces.readAll(r));
            assertTrue(r.status().clean(), r.status().toString());
            assertEquals(TestTraces.everyType().size(), r.status().expectedEvents());
            assertEquals("GUEST_ACCESS", r.typeTable().get(0x80));
        }
    }

    @Test
    void everyEventTypeRoundTripsThroughTheSingleFile() throws Exception {
        Path file = tmp.resolve("t.vmtrace");
        try (TraceWriter w = TraceWriter.createFile(file, TestTraces.header())) {
            TestTraces.write(w, TestTraces.everyType());
        }
        try (TraceReader r = TraceReader.open(file)) {
            assertTrue(r.header().complete());
            assertEquals(TestTraces.everyType(), TestTraces.readAll(r));
        }
    }

    @Test
    void manyChunksRoundTripAndSeekWorks() throws Exception {
        List<TraceEvent> events = TestTraces.accessRun(50_000, 1);
        Path dir = tmp.resolve("q");
        try (TraceWriter w = TraceWriter.create(dir, TestTraces.header())) {
            TestTraces.write(w, events);
        }
        try (TraceReader r = TraceReader.open(dir)) {
            assertEquals(events, TestTraces.readAll(r));
            assertTrue(r.status().chunksRead() > 10, "chunks: " + r.status().chunksRead());
            double perAccess = (double) r.status().frameBytes() / 50_000;
            assertTrue(perAccess < 8, "bytes per access " + perAccess);
            r.seek(77_777);
            assertEquals(events.get(77_777), r.next());
            r.seek(2);
            assertEquals(events.get(2), r.next());
        }
    }

    @Test
    void fastPathAccessEqualsAppendedPair() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        List<TraceEvent> events = TestTraces.accessRun(1000, 2);
        try (TraceWriter w = TraceWriter.createFile(a, TestTraces.header())) {
            TestTraces.write(w, events);
        }
        try (TraceWriter w = TraceWriter.createFile(b, TestTraces.header())) {
            for (int i = 0; i < events.size(); i++) {
                TraceEvent e = events.get(i);
                if (e instanceof GuestAccess) {
                    GuestAccess g = (GuestAccess) e;
                    Dispatch d = (Dispatch) events.get(++i);
                    w.access(g.time(), g.vcpu(), g.space(), g.direction(), g.address(), g.size(), g.value(),
                            g.inferred(), d.region(), d.value());
                } else {
                    w.append(e);
                }
            }
        }
        assertEquals(java.util.Arrays.toString(java.nio.file.Files.readAllBytes(a)),
                java.util.Arrays.toString(java.nio.file.Files.readAllBytes(b)));
    }

    @Test
    void snapshotsAreIndexedForSeeking() throws Exception {
        Path file = tmp.resolve("t");
        List<TraceEvent> events = TestTraces.accessRun(3000, 3);
        try (TraceWriter w = TraceWriter.createFile(file, TestTraces.header())) {
            for (int i = 0; i < events.size(); i++) {
                w.append(events.get(i));
                if (i == 2000 || i == 4000) {
                    w.append(new StateSnapshot(0, 0, "periodic", ImmutableBytes.copyOf(new byte[] {(byte) i})));
                }
            }
        }
        try (TraceReader r = TraceReader.open(file)) {
            assertTrue(r.seekToSnapshot(1));
            StateSnapshot s = (StateSnapshot) r.next();
            assertEquals(4000 % 256, s.stream().getU8(0));
            assertEquals(4002, s.seq());
            assertFalse(r.seekToSnapshot(2));
        }
    }
}
