package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.internal.Frames;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import dev.vmtrace.trace.qtest.QtestImporter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small crafted traces and logs that claim huge sizes (docs/reliability.md, the caps table): each
 * fails with a located {@link BadInputException}, and what came before is still read.
 */
class TraceResourceCapsTest {
    @TempDir
    Path tmp;

    /** A small valid single-file trace of {@code n} access pairs plus its regions. */
    private byte[] goodTrace(int n) throws Exception {
        Path f = tmp.resolve("good.vmtrace");
        try (TraceWriter w = TraceWriter.createFile(f, TestTraces.header()).chunkBytes(1024)) {
            TestTraces.write(w, TestTraces.accessRun(n, 3));
        }
        return Files.readAllBytes(f);
    }

    private static byte[] framePrefix(int kind, int len) {
        return ByteBuffer.allocate(Frames.PREFIX).order(ByteOrder.LITTLE_ENDIAN).putInt(kind).putInt(len).array();
    }

    private Path write(String name, byte[]... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        Path f = tmp.resolve(name);
        Files.write(f, out.toByteArray());
        return f;
    }

    private static long readAll(TraceReader r) throws BadInputException {
        long n = 0;
        while (r.hasNext()) {
            r.next();
            n++;
        }
        return n;
    }

    @Test
    void aChunkClaimingTwoGiBIsReportedAtItsOffsetAndThePrefixIsKept() throws Exception {
        byte[] good = goodTrace(300);
        long events = TestTraces.accessRun(300, 3).size();
        for (int len : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Frames.MAX_PAYLOAD + 1}) {
            Path f = write("huge.vmtrace", good, framePrefix(Frames.CHUNK, len), new byte[64]);
            try (TraceReader r = TraceReader.open(f)) {
                long[] read = {0};
                BadInputException e = assertThrows(BadInputException.class, () -> {
                    while (r.hasNext()) {
                        r.next();
                        read[0]++;
                    }
                });
                assertEquals(good.length, e.offset(), e.getMessage());
                assertEquals(events, read[0], "every event before the bad frame");
            }
            try (TraceReader r = TraceReader.open(f).skipDamage(true)) {
                assertEquals(events, readAll(r));
                List<Damage> damage = r.status().damage();
                assertFalse(damage.isEmpty());
                assertEquals(good.length, damage.get(0).location());
            }
        }
    }

    @Test
    void manyFakeFrameHeadersDoNotMakeSalvageQuadratic() throws Exception {
        // Frame tags every 8 bytes, each claiming a payload that runs to the end of the file: a
        // resync that CRCs every candidate would checksum ~N^2/16 bytes (4 MiB -> ~1 TB).
        byte[] good = goodTrace(10);
        int n = 4 << 20;
        ByteBuffer fake = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        int total = good.length + n;
        for (int p = 0; p + 8 <= n; p += 8) {
            int len = Math.min(Frames.MAX_PAYLOAD, total - (good.length + p) - Frames.OVERHEAD);
            fake.putInt(p, Frames.CHUNK).putInt(p + 4, Math.max(len, 0));
        }
        Path f = write("fake.vmtrace", good, fake.array());
        try (TraceReader r = TraceReader.open(f).skipDamage(true)) {
            assertEquals(TestTraces.accessRun(10, 3).size(), readAll(r));
            assertEquals(good.length, r.status().damage().get(0).location());
        }
    }

    @Test
    void anEndlessSingleLineStopsAtTheLineCapForBothImporters() throws Exception {
        try (TraceWriter w = TraceWriter.createFile(tmp.resolve("log.vmtrace"), TestTraces.header())) {
            BadInputException e = assertThrows(BadInputException.class, () -> new QemuLogImporter(
                    new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22").importTo(endlessLine(), "long.log", w));
            assertEquals(1, e.line(), e.getMessage());
            assertTrue(e.problem().contains("line longer than"), e.getMessage());
        }
        try (TraceWriter w = TraceWriter.createFile(tmp.resolve("qtest.vmtrace"), TestTraces.header())) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new QtestImporter().importTo(endlessLine(), "long.qtest", w));
            assertEquals(1, e.line(), e.getMessage());
            assertTrue(e.problem().contains("line longer than"), e.getMessage());
        }
    }

    /**
     * One line that never ends, handed out 64 KiB at a time; an importer that reads 64 MiB of it
     * without stopping at its 1 MiB line cap fails the test instead of exhausting the heap.
     */
    private static InputStream endlessLine() {
        return new InputStream() {
            private long served;

            @Override
            public int read() {
                byte[] one = new byte[1];
                read(one, 0, 1);
                return one[0];
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (served > 64L << 20) {
                    throw new AssertionError("read " + served + " bytes of one line without stopping at the cap");
                }
                int n = Math.min(len, 1 << 16);
                java.util.Arrays.fill(buf, off, off + n, (byte) 'x');
                served += n;
                return n;
            }
        };
    }
}
