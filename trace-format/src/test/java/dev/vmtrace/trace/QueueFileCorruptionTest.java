package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Chronicle queue trace whose cycle file was damaged on disk (a bug report's attachment, a bad
 * copy): every byte Chronicle itself wrote (excerpt headers, index arrays, the file header) is as
 * hostile as our own frames. Flips bytes at seeded random places of the written part of the
 * {@code .cq4} file, one at a time, and reads the trace strictly and salvaging: the reader either
 * reads to the end (a flip in bytes nobody checks, such as index padding), or raises
 * {@link BadInputException}; never another exception, never a hang. The time limit per read is a
 * hang detector, not a speed requirement.
 */
class QueueFileCorruptionTest {
    private static final int FLIPS = 120;

    @TempDir
    Path tmp;

    @Test
    void flippedBytesInTheCycleFileOnlyEverRaiseBadInput() throws Exception {
        Path dir = tmp.resolve("trace");
        List<TraceEvent> events = new ArrayList<>(TestTraces.everyType());
        events.addAll(TestTraces.accessRun(4000, 11).subList(3, 8003));
        try (TraceWriter w = TraceWriter.create(dir, TestTraces.header()).chunkBytes(1024)) {
            TestTraces.write(w, events);
        }
        Path cq4;
        try (Stream<Path> s = Files.list(dir)) {
            cq4 = s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        List<TraceEvent> expected;
        try (TraceReader r = TraceReader.open(dir)) {
            expected = TestTraces.readAll(r);
        }
        long written = writtenLength(cq4);
        assertTrue(written > 4096, "written part of the cycle file: " + written);
        byte[] head = new byte[(int) written];
        try (var in = Files.newInputStream(cq4)) {
            in.readNBytes(head, 0, head.length);
        }
        // where vmtrace's frames are: from the header frame's magic to the end of the trailer's
        int dataFrom = indexOf(head, "VTHD", 0);
        int dataTo = indexOf(head, "VTEN", dataFrom) + 64;
        assertTrue(dataFrom > 0 && dataTo > dataFrom, "frames at " + dataFrom + ".." + dataTo);
        Random rnd = new Random(20261121);
        int clean = 0;
        int detected = 0;
        int dataDetected = 0;
        try (RandomAccessFile f = new RandomAccessFile(cq4.toFile(), "rw")) {
            for (int i = 0; i < FLIPS; i++) {
                // half anywhere Chronicle wrote (its header and index arrays), half in the frames
                boolean inData = i % 2 == 1;
                long at = inData ? dataFrom + (long) (rnd.nextDouble() * (dataTo - dataFrom))
                        : (long) (rnd.nextDouble() * written);
                f.seek(at);
                int was = f.read();
                f.seek(at);
                f.write(was ^ (1 + rnd.nextInt(255)));
                try {
                    List<TraceEvent> got = readsToTheEnd(dir, false, at);
                    if (got != null) {
                        // read through: the flip must have hit bytes that carry no event
                        assertEquals(expected, got, "a flip at offset " + at + " changed events silently");
                        clean++;
                    } else {
                        detected++;
                        if (inData) {
                            dataDetected++;
                        }
                    }
                    readsToTheEnd(dir, true, at);
                } finally {
                    f.seek(at);
                    f.write(was);
                }
            }
        }
        // most flips land in data the CRCs or Chronicle's own checks cover
        // in the frames, only a flip in Chronicle's 4-byte alignment padding may go unnoticed
        assertTrue(dataDetected >= FLIPS / 2 * 9 / 10, "flips in the frames detected: " + dataDetected + " of "
                + FLIPS / 2 + " (all flips: " + detected + " detected, " + clean + " read through unchanged)");
    }

    /** The events, when the trace read to its end; null when reading raised bad input (as it may). */
    private static List<TraceEvent> readsToTheEnd(Path dir, boolean salvage, long flippedAt) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<TraceEvent> got = new ArrayList<>();
            try (TraceReader r = TraceReader.open(dir).skipDamage(salvage)) {
                while (r.hasNext() && got.size() < 1_000_000) {
                    got.add(r.next());
                }
                return got;
            } catch (BadInputException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "flip at " + flippedAt);
                return null;
            }
        }, () -> "reading hung after a flip at offset " + flippedAt + (salvage ? " (salvaging)" : ""));
    }

    private static int indexOf(byte[] b, String ascii, int from) {
        byte[] k = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= b.length - k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                if (b[i + j] != k[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The extent of the non-zero bytes of a sparse cycle file (Chronicle preallocates tens of MB). */
    private static long writtenLength(Path cq4) throws IOException {
        byte[] b = new byte[1 << 16];
        long last = 0;
        long pos = 0;
        try (var in = Files.newInputStream(cq4)) {
            int n;
            long zeroRun = 0;
            while ((n = in.readNBytes(b, 0, b.length)) > 0) {
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    if (b[i] != 0) {
                        last = pos + i + 1;
                        any = true;
                    }
                }
                zeroRun = any ? 0 : zeroRun + n;
                pos += n;
                if (zeroRun >= 8 << 20) {
                    break; // the rest of the preallocated file is never written
                }
            }
        }
        return last;
    }
}
