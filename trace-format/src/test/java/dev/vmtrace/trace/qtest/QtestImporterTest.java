package dev.vmtrace.trace.qtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QtestImporterTest {
    @TempDir
    Path tmp;

    private List<TraceEvent> importText(String text) throws Exception {
        Path t = tmp.resolve("t" + System.nanoTime());
        try (TraceWriter w = TraceWriter.createFile(t, TraceHeader.of("test", "pc-q35-7.2", "", "qtest", 1, Map.of()))) {
            new QtestImporter().importTo(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "script", w);
        }
        List<TraceEvent> l = new ArrayList<>();
        try (TraceReader r = TraceReader.open(t)) {
            while (r.hasNext()) {
                l.add(r.next());
            }
        }
        return l;
    }

    private String exportText(String text) throws Exception {
        Path t = tmp.resolve("e" + System.nanoTime());
        try (TraceWriter w = TraceWriter.createFile(t, TraceHeader.of("test", "", "", "qtest", 1, Map.of()))) {
            new QtestImporter().importTo(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "script", w);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceReader r = TraceReader.open(t)) {
            QtestExporter.export(r, out);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void scriptCommandsBecomeGuestAccessesAndExportBack() throws Exception {
        String script = "# legacy switch then modern negotiation\n"
                + "outl 0xcd8 0x0\noutb 0xcdd 0x0\ninl 0xcd8\nwritel 0xfed00010 0x3\nreadq 0xfed000f0\n"
                + "clock_step 1000\nwrite 0x1000 3 0x010203\nread 0x1000 3\nirq_intercept_in ioapic\n";
        List<TraceEvent> ev = importText(script);
        assertEquals(new GuestAccess(0, 0, -1, Space.IO, Direction.WRITE, 0xcd8, 4, 0, false), ev.get(0));
        assertEquals(new GuestAccess(2, 0, -1, Space.IO, Direction.READ, 0xcd8, 4, 0, false), ev.get(2));
        assertEquals(new HostEvent(5, 0, HostEventKind.CLOCK_STEP, 1000), ev.get(5));
        assertEquals(new GuestAccess(6, 0, -1, Space.MEMORY, Direction.WRITE, 0x1000, 3, 0x030201, false), ev.get(6));
        assertEquals("outl 0xcd8 0x0\noutb 0xcdd 0x0\ninl 0xcd8\nwritel 0xfed00010 0x3\nreadq 0xfed000f0\n"
                + "clock_step 1000\nwrite 0x1000 3 0x010203\nread 0x1000 3\n", exportText(script));
    }

    @Test
    void logRepliesGiveReadValuesAndTimes() throws Exception {
        String log = "[R +0.000010] inl 0xcd8\n[S +0.000012] OK 0x00000003\n[R +0.5] outb 0x70 0x8f\n[S +0.6] OK\n"
                + "[S +0.7] IRQ raise 8\n";
        List<TraceEvent> ev = importText(log);
        assertEquals(new GuestAccess(0, 10_000, -1, Space.IO, Direction.READ, 0xcd8, 4, 3, false), ev.get(0));
        assertEquals(new GuestAccess(1, 500_000_000, -1, Space.IO, Direction.WRITE, 0x70, 1, 0x8f, false), ev.get(1));
        assertEquals(2, ev.size());
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        assertEquals(2, assertThrows(BadInputException.class, () -> importText("outb 0x70 0x0\noutb 0x70\n")).line());
        assertEquals(1, assertThrows(BadInputException.class, () -> importText("inb 0xzz\n")).line());
        assertEquals(3, assertThrows(BadInputException.class, () -> importText("\n\nread 0x0 99999999\n")).line());
        assertEquals(1, assertThrows(BadInputException.class, () -> importText("[Q +1] x\n")).line());
        assertEquals(1, assertThrows(BadInputException.class, () -> importText("write 0x0 2 0x12\n")).line());
    }
}
