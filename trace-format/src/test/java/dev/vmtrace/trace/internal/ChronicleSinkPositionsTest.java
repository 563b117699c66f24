package dev.vmtrace.trace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Positions a Chronicle sink hands out for the seek index: frames written while the queue is still
 * opening get provisional (negative) positions, resolved to their real excerpt indexes later.
 */
class ChronicleSinkPositionsTest {
    @TempDir
    Path tmp;

    @Test
    void provisionalPositionsResolveToTheExcerptsTheFramesLandedIn() throws Exception {
        Path dir = tmp.resolve("q");
        // Not run yet: the queue "is still opening" until the test runs it.
        FutureTask<ChronicleQueue> opening = new FutureTask<>(() -> ChronicleStore.builder(dir, false).build());
        List<Long> positions = new ArrayList<>();
        try (ChronicleSink sink = new ChronicleSink(opening)) {
            for (int i = 0; i < 5; i++) {
                positions.add(sink.write(Frames.CHUNK, new byte[] {(byte) i}, 1));
            }
            assertEquals(List.of(-1L, -2L, -3L, -4L, -5L), positions);
            opening.run();
            for (int i = 5; i < 8; i++) {
                long p = sink.write(Frames.CHUNK, new byte[] {(byte) i}, 1);
                assertTrue(p >= 0, "known once the queue is open: " + p);
                positions.add(p);
            }
            for (int i = 0; i < positions.size(); i++) {
                positions.set(i, sink.resolve(positions.get(i)));
            }
        }
        try (ChronicleSource src = new ChronicleSource(dir)) {
            for (int i = 0; i < positions.size(); i++) {
                Frame f = src.next();
                assertEquals(i, f.payload()[0], "frame order");
                assertEquals((long) positions.get(i), f.location(), "frame " + i);
            }
            for (int i = positions.size() - 1; i >= 0; i--) {
                src.position(positions.get(i));
                assertEquals(i, src.next().payload()[0], "frame " + i + " through position()");
            }
        }
    }

    @Test
    void framesStillWaitingAreStoredWhenResolved() throws Exception {
        Path dir = tmp.resolve("q2");
        FutureTask<ChronicleQueue> opening = new FutureTask<>(() -> ChronicleStore.builder(dir, false).build());
        try (ChronicleSink sink = new ChronicleSink(opening)) {
            long p = sink.write(Frames.CHUNK, new byte[] {42}, 1);
            assertEquals(-1, p);
            opening.run();
            long real = sink.resolve(p);
            try (ChronicleSource src = new ChronicleSource(dir)) {
                Frame f = src.next();
                assertEquals(real, f.location());
                assertEquals(42, f.payload()[0]);
            }
        }
    }
}
