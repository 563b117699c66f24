package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.trace.internal.ChunkDecoder;
import dev.vmtrace.trace.internal.ChunkEncoder;
import dev.vmtrace.trace.internal.Frame;
import dev.vmtrace.trace.internal.Frames;
import dev.vmtrace.trace.internal.MetaCodec;
import dev.vmtrace.trace.internal.RegionTable;
import dev.vmtrace.trace.internal.TraceIndex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files for the wire format, checked both ways: encoding gives the stored bytes, decoding
 * the stored bytes gives the events. Regenerate (then review the diff) with
 * {@code mvn test -pl trace-format -Dtest=GoldenFilesTest -Dvmtrace.golden.update=true}.
 */
class GoldenFilesTest {
    private static final boolean UPDATE = Boolean.getBoolean("vmtrace.golden.update");

    @TempDir
    Path tmp;

    private static Path golden(String name) {
        return Path.of(System.getProperty("vmtrace.repo.dir", "."), "trace-format/src/test/resources/golden", name);
    }

    @Test
    void singleFileWithEveryEventType() throws Exception {
        Path file = tmp.resolve("every-type.vmtrace");
        try (TraceWriter w = TraceWriter.createFile(file, TestTraces.header())) {
            TestTraces.write(w, TestTraces.everyType());
        }
        byte[] encoded = Files.readAllBytes(file);
        Path g = golden("every-type.vmtrace");
        if (UPDATE) {
            Files.write(g, encoded);
        }
        assertArrayEquals(Files.readAllBytes(g), encoded, "encoding changed: review and regenerate");
        try (TraceReader r = TraceReader.open(g)) {
            assertEquals(TestTraces.everyType(), TestTraces.readAll(r));
            assertEquals(new IndexStatus(true, 1, true, null), r.indexStatus());
            assertTrue(r.seekToSnapshot(0));
            assertEquals(TestTraces.everyType().get(21), r.next());
        }
    }

    /**
     * The golden file as written before the seek index existed (no VTIX frame; never regenerated):
     * a new reader reads it the same and seeks by scanning.
     */
    @Test
    void traceWrittenBeforeTheIndexReadsAndSeeksByScanning() throws Exception {
        try (TraceReader r = TraceReader.open(golden("every-type-noindex.vmtrace"))) {
            assertTrue(r.header().complete());
            assertEquals(TestTraces.everyTypeBeforeCpuSync(), TestTraces.readAll(r));
            assertTrue(r.status().clean());
            IndexStatus st = r.indexStatus();
            assertFalse(st.indexed());
            assertTrue(st.reason().startsWith("no index frame"), st.reason());
            assertTrue(r.seekToSnapshot(0));
            assertEquals(TestTraces.everyType().get(21), r.next());
            r.seek(22);
            assertEquals(TestTraces.everyTypeBeforeCpuSync().get(22), r.next());
        }
    }

    /**
     * An older reader meets the VTIX frame as a kind it does not know. Renaming the frame to a kind
     * no reader knows (CRC recomputed) takes this reader down that same path: every event, the
     * trace complete, nothing damaged. The trailer old readers check is unchanged.
     */
    @Test
    void newTraceReadsWhenTheIndexKindIsUnknown() throws Exception {
        byte[] b = Files.readAllBytes(golden("every-type.vmtrace"));
        int p = indexFrameOffset(b);
        Frames.putIntLE(b, p, Frames.INDEX ^ (('Z' ^ 'X') << 24));
        int len = Frames.getIntLE(b, p + 4);
        Frames.putIntLE(b, p + Frames.PREFIX + len, Frames.crc(b, p, Frames.PREFIX + len));
        Path f = tmp.resolve("unknown-kind.vmtrace");
        Files.write(f, b);
        try (TraceReader r = TraceReader.open(f)) {
            assertTrue(r.header().complete());
            assertEquals(TestTraces.everyType(), TestTraces.readAll(r));
            assertTrue(r.status().clean());
            assertFalse(r.indexStatus().indexed());
        }
    }

    static int indexFrameOffset(byte[] b) {
        for (int p = 8; p < b.length; p += Frames.getIntLE(b, p + 4) + Frames.OVERHEAD) {
            if (Frames.getIntLE(b, p) == Frames.INDEX) {
                return p;
            }
        }
        throw new AssertionError("no VTIX frame");
    }

    /** The VTIX payload, as annotated hex in index-frame.hex. */
    @Test
    void indexFrame() throws Exception {
        TraceIndex t = new TraceIndex(TraceIndex.FORM_FILE);
        t.snapshots().add(21, 5000);
        t.snapshots().add(400, 90_000);
        t.regions().add(0, 200);
        t.regions().add(1, 260);
        t.chunks().add(2, 320);
        t.chunks().add(22, 8600);
        t.chunks().add(401, 90_100);
        byte[] payload = MetaCodec.encodeIndex(t);
        // One line per part: class id and form, then each list (count, then seq/position deltas), footer.
        StringBuilder hex = new StringBuilder(HexFormat.of().formatHex(payload, 0, 2)).append('\n');
        int p = 2;
        for (int list = 0; list < 3; list++) {
            int start = p;
            int count = payload[p];
            p = varintEnd(payload, p);
            for (int i = 0; i < 2 * count; i++) {
                p = varintEnd(payload, p);
            }
            hex.append(HexFormat.of().formatHex(payload, start, p)).append('\n');
        }
        hex.append(HexFormat.of().formatHex(payload, p, payload.length)).append('\n');
        Path g = golden("index-frame.hex");
        if (UPDATE) {
            Files.writeString(g, hex, StandardCharsets.US_ASCII);
        }
        assertEquals(Files.readString(g, StandardCharsets.US_ASCII), hex.toString());
        byte[] stored = HexFormat.of().parseHex(Files.readString(g).replace("\n", ""));
        assertEquals(t, MetaCodec.decodeIndex(new Frame(Frames.INDEX, 0, stored, stored.length), "golden"));
    }

    private static int varintEnd(byte[] b, int p) {
        while ((b[p] & 0x80) != 0) {
            p++;
        }
        return p + 1;
    }

    /** One chunk of compact accesses, as annotated hex (one event per line) in chunk-accesses.hex. */
    @Test
    void compactAccessChunk() throws Exception {
        ChunkEncoder enc = new ChunkEncoder();
        enc.begin(100, 5000);
        List<Integer> ends = new ArrayList<>();
        ends.add(enc.size());
        enc.access(5000, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e002b, false, 1, true, 0x2e002b);
        ends.add(enc.size());
        enc.access(5000, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e0030, false, 1, true, 0x2e0030);
        ends.add(enc.size());
        enc.access(5003, 1, Space.IO, Direction.WRITE, 0xcd8, 4, 0, true, 0, false, 0);
        ends.add(enc.size());
        enc.dispatch(5003, 1, 2, 0, 1, 0, DispatchOutcome.SPLIT_PART);
        ends.add(enc.size());
        enc.access(5003, -1, Space.MEMORY, Direction.READ, 0xfee00000L, 1, 0xff, false, 3, true, -1L);
        ends.add(enc.size());
        enc.qemuTrace(5004, "fw_cfg_read", "0x5628 = 0x51");
        ends.add(enc.size());
        enc.qemuTrace(5004, "fw_cfg_read", "0x5628 = 0x45");
        ends.add(enc.size());
        enc.finish();
        byte[] chunk = java.util.Arrays.copyOf(enc.buffer(), enc.size());
        byte[] stored = checkHexGolden("chunk-accesses.hex", chunk, ends);
        RegionTable regions = new RegionTable();
        regions.put(new RegionDefined(0, 0, 1, "acpi-tmr", Space.IO, 0x608, 4, null, 0));
        regions.put(new RegionDefined(0, 0, 3, "apic-msi", Space.MEMORY, 0xfee00000L, 0x1000, null, 0));
        List<TraceEvent> got = decodeAll(new ChunkDecoder(), stored, regions);
        List<TraceEvent> expected = List.of(
                new GuestAccess(100, 5000, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e002b, false),
                new Dispatch(101, 5000, 100, 1, 0, 4, 0x2e002b, DispatchOutcome.DELIVERED),
                new GuestAccess(102, 5000, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e0030, false),
                new Dispatch(103, 5000, 102, 1, 0, 4, 0x2e0030, DispatchOutcome.DELIVERED),
                new GuestAccess(104, 5003, 1, Space.IO, Direction.WRITE, 0xcd8, 4, 0, true),
                new Dispatch(105, 5003, 104, 2, 0, 1, 0, DispatchOutcome.SPLIT_PART),
                new GuestAccess(106, 5003, -1, Space.MEMORY, Direction.READ, 0xfee00000L, 1, 0xff, false),
                new Dispatch(107, 5003, 106, 3, 0, 1, -1L, DispatchOutcome.DELIVERED),
                new QemuTraceEvent(108, 5004, "fw_cfg_read", "0x5628 = 0x51"),
                new QemuTraceEvent(109, 5004, "fw_cfg_read", "0x5628 = 0x45"));
        assertEquals(expected, got);
    }

    /** The CPU sync chunk of cpu-sync.hex: accesses around ARM vCPU sync steps. */
    private static ChunkEncoder cpuSyncChunk(List<Integer> ends) {
        ChunkEncoder enc = new ChunkEncoder();
        enc.begin(40, 1000);
        ends.add(enc.size());
        enc.access(1000, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e002b, false, 1, true, 0x2e002b);
        ends.add(enc.size());
        enc.cpuSync(1000, 0, CpuSyncKind.GUEST_WRITE, TestTraces.VBAR_EL1, 0xffff000010080800L);
        ends.add(enc.size());
        enc.cpuSync(1001, 0, CpuSyncKind.GET, 0, 0);
        ends.add(enc.size());
        enc.cpuSync(1001, 1, CpuSyncKind.DEBUGGER_WRITE, TestTraces.ESR_EL1, 0xf2000000L);
        ends.add(enc.size());
        enc.cpuSync(1002, 1, CpuSyncKind.PUT, 0, 0);
        ends.add(enc.size());
        enc.cpuSync(1002, 0, CpuSyncKind.RESET, 0, 0);
        ends.add(enc.size());
        enc.access(1003, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e0030, false, 1, true, 0x2e0030);
        ends.add(enc.size());
        enc.finish();
        return enc;
    }

    private static RegionTable timerRegion() {
        RegionTable regions = new RegionTable();
        regions.put(new RegionDefined(0, 0, 1, "acpi-tmr", Space.IO, 0x608, 4, null, 0));
        return regions;
    }

    /** CPU_SYNC events (wire id 9) as annotated hex, one event per line, checked both ways. */
    @Test
    void cpuSyncChunk() throws Exception {
        List<Integer> ends = new ArrayList<>();
        ChunkEncoder enc = cpuSyncChunk(ends);
        byte[] chunk = java.util.Arrays.copyOf(enc.buffer(), enc.size());
        byte[] stored = checkHexGolden("cpu-sync.hex", chunk, ends);
        ChunkDecoder dec = new ChunkDecoder();
        List<TraceEvent> got = decodeAll(dec, stored, timerRegion());
        List<TraceEvent> expected = List.of(
                new GuestAccess(40, 1000, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e002b, false),
                new Dispatch(41, 1000, 40, 1, 0, 4, 0x2e002b, DispatchOutcome.DELIVERED),
                new CpuSync(42, 1000, 0, CpuSyncKind.GUEST_WRITE, TestTraces.VBAR_EL1, 0xffff000010080800L),
                new CpuSync(43, 1001, 0, CpuSyncKind.GET, 0, 0),
                new CpuSync(44, 1001, 1, CpuSyncKind.DEBUGGER_WRITE, TestTraces.ESR_EL1, 0xf2000000L),
                new CpuSync(45, 1002, 1, CpuSyncKind.PUT, 0, 0),
                new CpuSync(46, 1002, 0, CpuSyncKind.RESET, 0, 0),
                new GuestAccess(47, 1003, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e0030, false),
                new Dispatch(48, 1003, 47, 1, 0, 4, 0x2e0030, DispatchOutcome.DELIVERED));
        assertEquals(expected, got);
        assertEquals(0, dec.skippedUnknown());
    }

    /**
     * A reader written before CPU_SYNC existed knows chunk types 2..7 only: it skips the five sync
     * events by their length, and the access after them keeps its sequence number.
     */
    @Test
    void readerBeforeCpuSyncSkipsItsEvents() throws Exception {
        byte[] stored = HexFormat.of().parseHex(Files.readString(golden("cpu-sync.hex")).replace("\n", ""));
        ChunkDecoder old = ChunkDecoder.knowingOnly(java.util.Set.of(2, 3, 4, 5, 6, 7));
        List<TraceEvent> got = decodeAll(old, stored, timerRegion());
        assertEquals(List.of(
                new GuestAccess(40, 1000, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e002b, false),
                new Dispatch(41, 1000, 40, 1, 0, 4, 0x2e002b, DispatchOutcome.DELIVERED),
                new GuestAccess(47, 1003, 0, Space.IO, Direction.READ, 0x608, 4, 0x2e0030, false),
                new Dispatch(48, 1003, 47, 1, 0, 4, 0x2e0030, DispatchOutcome.DELIVERED)), got);
        assertEquals(5, old.skippedUnknown());
        // The header's event-type table names the type for such a reader.
        try (TraceReader r = TraceReader.open(golden("every-type.vmtrace"))) {
            assertEquals("CPU_SYNC", r.typeTable().get(9));
        }
    }

    /**
     * The chunk as annotated hex, one event per line ({@code ends}: the offset after the prefix and
     * after each event), compared with golden file {@code name} (rewritten when updating); returns
     * the stored bytes.
     */
    private static byte[] checkHexGolden(String name, byte[] chunk, List<Integer> ends) throws java.io.IOException {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < ends.size(); i++) {
            int from = i == 0 ? 0 : ends.get(i - 1);
            hex.append(HexFormat.of().formatHex(chunk, from, ends.get(i))).append('\n');
        }
        Path g = golden(name);
        if (UPDATE) {
            Files.writeString(g, hex, StandardCharsets.US_ASCII);
        }
        assertEquals(Files.readString(g, StandardCharsets.US_ASCII), hex.toString());
        return HexFormat.of().parseHex(Files.readString(g).replace("\n", ""));
    }

    private static List<TraceEvent> decodeAll(ChunkDecoder dec, byte[] chunk, RegionTable regions) throws Exception {
        dec.reset(chunk, chunk.length, "golden", 0, regions);
        List<TraceEvent> got = new ArrayList<>();
        while (dec.hasNext()) {
            got.add(dec.next());
        }
        return got;
    }
}
