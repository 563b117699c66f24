package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A recording killed with SIGKILL stays readable; damaged Chronicle excerpts are located and skipped. */
class CrashSafetyTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void recordingKilledWithSigkillIsSalvagedUpToItsLastCompleteChunk() throws Exception {
        Random rnd = new Random(21);
        for (int round = 0; round < 3; round++) {
            Path dir = tmp.resolve("killed" + round);
            Process child = startRecorder(dir, round);
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                java.util.concurrent.CompletableFuture<String> ready = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (java.io.IOException e) {
                        return "io error: " + e;
                    }
                });
                String line = ready.get(120, TimeUnit.SECONDS);
                assertEquals("ready", line, () -> "child did not start, see " + dir + ".err");
                Thread.sleep(rnd.nextInt(300));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            try (TraceReader r = TraceReader.open(dir)) {
                assertFalse(r.header().complete(), "killed recording must read as incomplete");
                EndlessRun expected = new EndlessRun(round);
                long n = 0;
                while (r.hasNext()) {
                    TraceEvent got = r.next();
                    assertEquals(expected.next(), got, "event " + n);
                    n++;
                }
                assertTrue(n > 50_000, "salvaged " + n);
                assertTrue(r.status().damage().isEmpty(), r.status().toString());
                assertEquals(n, r.status().eventsRead());
                assertEquals(-1, r.status().expectedEvents());
            }
        }
    }

    private Process startRecorder(Path dir, long seed) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle"))
                .collect(Collectors.toList()));
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(KillableRecorder.class.getName());
        cmd.add(dir.toString());
        cmd.add(Long.toString(seed));
        return new ProcessBuilder(cmd).redirectError(Path.of(dir + ".err").toFile()).start();
    }

    @Test
    @Timeout(180)
    void corruptChronicleExcerptIsReportedWithItsIndexAndSkippedOnRequest() throws Exception {
        Path dir = tmp.resolve("q");
        List<TraceEvent> events = TestTraces.accessRun(20_000, 5);
        try (TraceWriter w = TraceWriter.create(dir, TestTraces.header()).chunkBytes(2048)) {
            TestTraces.write(w, events);
        }
        Path cq4;
        try (Stream<Path> s = Files.list(dir)) {
            cq4 = s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] data = Files.readAllBytes(cq4);
        int chunkTags = 0;
        int at = -1;
        for (int i = 0; i + 4 < data.length; i++) {
            if (data[i] == 'V' && data[i + 1] == 'T' && data[i + 2] == 'C' && data[i + 3] == 'K' && ++chunkTags == 5) {
                at = i;
                break;
            }
        }
        assertTrue(at > 0);
        data[at + 100] ^= 0x04;
        Files.write(cq4, data);
        try (TraceReader r = TraceReader.open(dir)) {
            BadInputException e = assertThrows(BadInputException.class, () -> TestTraces.readAll(r));
            assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
            assertTrue(e.offset() > 0, "excerpt index");
            List<TraceEvent> rest = TestTraces.readAll(r);
            assertFalse(rest.isEmpty(), "reading resumes after the damaged chunk");
            assertEquals(events.get(events.size() - 1), rest.get(rest.size() - 1));
            assertEquals(1, r.status().damage().size());
            assertEquals(e.offset(), r.status().damage().get(0).location());
            assertTrue(r.status().eventsLost() > 0);
            assertEquals("excerpt index", r.status().locationUnit());
        }
        try (TraceReader r = TraceReader.open(dir)) {
            r.skipDamage(true);
            List<TraceEvent> got = TestTraces.readAll(r);
            assertEquals(events.size() - r.status().eventsLost(), got.size());
            assertTrue(r.header().complete());
        }
    }

    @Test
    @Timeout(180)
    void truncatedChronicleFileIsBadInputNeverAMemoryFault() throws Exception {
        Path dir = tmp.resolve("full");
        try (TraceWriter w = TraceWriter.create(dir, TestTraces.header())) {
            TestTraces.write(w, TestTraces.accessRun(50_000, 9));
        }
        Path cq4;
        try (Stream<Path> s = Files.list(dir)) {
            cq4 = s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        for (long cut : new long[] {1000, 70_000, 150_000, 300_000}) {
            Path copy = tmp.resolve("cut" + cut);
            Files.createDirectories(copy);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.copy(p, copy.resolve(p.getFileName()));
                }
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(copy.resolve(cq4.getFileName()),
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            try (TraceReader r = TraceReader.open(copy)) {
                r.skipDamage(true);
                TestTraces.readAll(r);
                assertFalse(r.status().clean(), "cut at " + cut + " must not read as a clean trace");
            } catch (BadInputException expected) {
                assertTrue(expected.getMessage().contains(copy.toString()), expected.getMessage());
            }
        }
    }

    /** Bit flips anywhere in the used part of a queue file: the same events, or damage reported; never worse. */
    @Test
    @Timeout(300)
    void bitFlipsInChronicleFilesAreHarmlessOrReported() throws Exception {
        Path dir = tmp.resolve("flips");
        List<TraceEvent> events = TestTraces.accessRun(30_000, 10);
        try (TraceWriter w = TraceWriter.create(dir, TestTraces.header()).chunkBytes(2048)) {
            TestTraces.write(w, events);
        }
        Path cq4;
        try (Stream<Path> s = Files.list(dir)) {
            cq4 = s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] data = Files.readAllBytes(cq4);
        int used = data.length;
        while (used > 0 && data[used - 1] == 0) {
            used--;
        }
        Random rnd = new Random(23);
        int reported = 0;
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(cq4.toFile(), "rw")) {
            for (int k = 0; k < 80; k++) {
                int pos = rnd.nextInt(used);
                byte flipped = (byte) (data[pos] ^ (1 << rnd.nextInt(8)));
                f.seek(pos);
                f.write(flipped);
                try (TraceReader r = TraceReader.open(dir)) {
                    r.skipDamage(true);
                    List<TraceEvent> got = TestTraces.readAll(r);
                    if (r.status().damage().isEmpty() && r.header().complete()) {
                        assertEquals(events, got, "flip at " + pos + " changed events without a report");
                    } else {
                        reported++;
                    }
                } catch (BadInputException e) {
                    reported++;
                }
                f.seek(pos);
                f.write(data[pos]);
            }
        }
        assertTrue(reported > 0, "some flips hit frames");
    }
}
