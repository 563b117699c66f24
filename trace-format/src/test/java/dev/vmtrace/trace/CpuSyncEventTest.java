package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.internal.ChunkDecoder;
import dev.vmtrace.trace.internal.RegionTable;
import dev.vmtrace.trace.json.JsonlExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU_SYNC event (ARM vCPU register sync steps): both storage forms, JSON lines, hostile bytes. */
class CpuSyncEventTest {
    @TempDir
    Path tmp;

    /** Sync steps of two vCPUs between timer reads, at changing times, over several chunks. */
    private static List<TraceEvent> syncRun() {
        List<TraceEvent> l = new ArrayList<>();
        l.add(new RegionDefined(0, 0, 1, "acpi-tmr", Space.IO, 0x608, 4, null, 0));
        CpuSyncKind[] kinds = CpuSyncKind.values();
        for (int i = 0; i < 3000; i++) {
            long seq = l.size();
            long time = 10L * i;
            if (i % 3 == 0) {
                l.add(new GuestAccess(seq, time, 0, Space.IO, Direction.READ, 0x608, 4, i, false));
                l.add(new Dispatch(seq + 1, time, seq, 1, 0, 4, i, DispatchOutcome.DELIVERED));
                continue;
            }
            CpuSyncKind k = kinds[i % kinds.length];
            long reg = k.hasRegister() ? TestTraces.ESR_EL1 + (i % 7) : 0;
            long value = k.hasRegister() ? -1L - i : 0;
            l.add(new CpuSync(seq, time + 3, i % 2, k, reg, value));
        }
        return l;
    }

    @Test
    void roundTripsThroughTheQueueAndTheSingleFile() throws Exception {
        List<TraceEvent> events = syncRun();
        Path dir = tmp.resolve("q");
        Path file = tmp.resolve("t.vmtrace");
        try (TraceWriter q = TraceWriter.create(dir, TestTraces.header()).chunkBytes(1024);
             TraceWriter f = TraceWriter.createFile(file, TestTraces.header()).chunkBytes(1024)) {
            TestTraces.write(q, events);
            TestTraces.write(f, events);
        }
        for (Path p : List.of(dir, file)) {
            try (TraceReader r = TraceReader.open(p)) {
                assertEquals(events, TestTraces.readAll(r), p::toString);
                assertTrue(r.status().clean());
                assertTrue(r.status().chunksRead() > 5, r.status()::toString);
                r.seek(2001);
                assertEquals(events.get(2001), r.next());
            }
        }
        try (TraceReader r = TraceReader.open(file)) {
            assertEquals(events.stream().filter(e -> e instanceof CpuSync).count(),
                    (long) TraceStats.collect(r).byType().get(EventType.CPU_SYNC));
        }
    }

    @Test
    void jsonLinesNameTheKindAndGiveRegisterAndValueForWrites() {
        StringBuilder sb = new StringBuilder();
        JsonlExporter.line(sb, new CpuSync(7, 300, 1, CpuSyncKind.DEBUGGER_WRITE, TestTraces.ESR_EL1, 0xf2000000L));
        assertEquals("{\"seq\":7,\"type\":\"CPU_SYNC\",\"time\":300,\"vcpu\":1,\"kind\":\"DEBUGGER_WRITE\","
                + "\"register\":\"0x603000000013c290\",\"value\":\"0xf2000000\"}", sb.toString());
        sb.setLength(0);
        JsonlExporter.line(sb, new CpuSync(8, 300, 0, CpuSyncKind.PUT, 0, 0));
        assertEquals("{\"seq\":8,\"type\":\"CPU_SYNC\",\"time\":300,\"vcpu\":0,\"kind\":\"PUT\"}", sb.toString());
    }

    @Test
    void wholeVcpuKindsCarryNoRegisterAndVcpusAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new CpuSync(0, 0, 0, CpuSyncKind.PUT, TestTraces.ESR_EL1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CpuSync(0, 0, -1, CpuSyncKind.GET, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CpuSync(0, 0, CpuSync.MAX_VCPU + 1, CpuSyncKind.GET, 0, 0));
        assertEquals(CpuSyncKind.RESET, CpuSyncKind.ofCode(3));
        assertEquals(null, CpuSyncKind.ofCode(5));
    }

    /** Malformed sync payloads (CRC-valid chunks) are bad input at the chunk, never another exception. */
    @Test
    void malformedPayloadsAreBadInput() {
        String prefix = "0000000000000000010000000000000000000000";
        for (String event : List.of(
                "0903000005",                       // kind 5 does not exist
                "09050080800400",                   // vCPU 65536 above the cap
                "090400000490",                     // register varint cut off by the length
                "0906000004ffffff",                 // register runs past the chunk
                "0903000002ff")) {                  // a good PUT, then a byte past the one event the prefix counts
            byte[] chunk = HexFormat.of().parseHex(prefix + event);
            ChunkDecoder d = new ChunkDecoder();
            BadInputException e = assertThrows(BadInputException.class, () -> {
                d.reset(chunk, chunk.length, "hostile", 42, new RegionTable());
                while (d.hasNext()) {
                    d.next();
                }
            }, event);
            assertEquals(42, e.offset(), event);
        }
    }
}
