package dev.vmtrace.trace.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.testing.RealQemu;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.FwCfgFile;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.ImportSummary;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QemuLogImporterTest {
    @TempDir
    Path tmp;

    static ImportSummary importLog(InputStream in, Path trace) throws Exception {
        TraceHeader h = TraceHeader.of("test", "pc-q35-7.2", "7.2.22", "tcg", 2, Map.of());
        try (TraceWriter w = TraceWriter.createFile(trace, h)) {
            return new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22").importTo(in, "log", w);
        }
    }

    static ImportSummary importText(String text, Path trace) throws Exception {
        return importLog(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), trace);
    }

    static List<TraceEvent> events(Path trace) throws Exception {
        List<TraceEvent> l = new ArrayList<>();
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                l.add(r.next());
            }
        }
        return l;
    }

    static String export(Path trace) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceReader r = TraceReader.open(trace)) {
            QemuLogExporter.export(r, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ovmf-q35-smp2-max4.devices.log.gz", "ovmf-q35-smp2-max4.head200k.log.gz"})
    void realTraceRoundTripsToTheSameLines(String name) throws Exception {
        Path log = RealQemu.realDir().resolve("trace").resolve(name);
        Path trace = tmp.resolve("t");
        ImportSummary s;
        try (InputStream in = Inputs.open(log, null)) {
            s = importLog(in, trace);
        }
        List<String> original;
        try (InputStream in = Inputs.open(log, null)) {
            original = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
        List<String> exported = Arrays.asList(export(trace).split("\n"));
        assertEquals(access(original), access(exported));
        assertEquals(original, exported);
        assertFalse(s.truncatedLastLine());
        double perLine = (double) java.nio.file.Files.size(trace) / s.lines();
        assertTrue(perLine < 8, "bytes per line " + perLine);
    }

    private static List<String> access(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("memory_region_ops_")).collect(Collectors.toList());
    }

    @Test
    void legacyCpuHotplugByteWritesBecomeOneInferredDwordWrite() throws Exception {
        Path log = RealQemu.realDir().resolve("trace/ovmf-q35-smp2-max4.devices.log.gz");
        Path trace = tmp.resolve("t");
        try (InputStream in = Inputs.open(log, null)) {
            ImportSummary s = importLog(in, trace);
            assertEquals(1, s.inferred());
        }
        List<TraceEvent> ev = events(trace);
        int i = 0;
        while (!(ev.get(i) instanceof GuestAccess && ((GuestAccess) ev.get(i)).inferred())) {
            i++;
        }
        GuestAccess a = (GuestAccess) ev.get(i);
        assertEquals(Direction.WRITE, a.direction());
        assertEquals(0xcd8, a.address());
        assertEquals(4, a.size());
        assertEquals(0, a.value());
        assertEquals(0, a.vcpu());
        for (int k = 0; k < 4; k++) {
            Dispatch d = (Dispatch) ev.get(i + 1 + k);
            assertEquals(a.seq(), d.accessSeq());
            assertEquals(k, d.offset());
            assertEquals(1, d.size());
            assertEquals(DispatchOutcome.SPLIT_PART, d.outcome());
        }
        RegionDefined legacy = (RegionDefined) ev.stream()
                .filter(e -> e instanceof RegionDefined && ((RegionDefined) e).hostTag() == 0x56283972f620L)
                .findFirst().orElseThrow();
        assertEquals(((Dispatch) ev.get(i + 1)).region(), legacy.id());
        assertEquals(1, legacy.rules().implMax());
        assertTrue(ev.stream().anyMatch(e -> e instanceof FwCfgFile && ((FwCfgFile) e).name().equals("etc/table-loader")
                && ((FwCfgFile) e).size() == 4096));
    }

    @Test
    void splitReadIsReassembledLittleEndianFromRawPieceValues() throws Exception {
        String log = "memory_region_ops_read cpu 1 mr 0x10 addr 0xcd8 value 0x3 size 1 name 'acpi-cpu-hotplug'\n"
                + "memory_region_ops_read cpu 1 mr 0x10 addr 0xcd9 value 0xff01 size 1 name 'acpi-cpu-hotplug'\n"
                + "memory_region_ops_read cpu 1 mr 0x10 addr 0xcda value 0x0 size 1 name 'acpi-cpu-hotplug'\n"
                + "memory_region_ops_read cpu 1 mr 0x10 addr 0xcdb value 0x80 size 1 name 'acpi-cpu-hotplug'\n"
                + "memory_region_ops_read cpu 1 mr 0x10 addr 0xcd9 value 0x0 size 1 name 'acpi-cpu-hotplug'\n";
        Path trace = tmp.resolve("t");
        importText(log, trace);
        List<TraceEvent> ev = events(trace);
        GuestAccess a = (GuestAccess) ev.get(1);
        assertTrue(a.inferred());
        assertEquals(0x80000103L, a.value());
        assertEquals(0xff01, ((Dispatch) ev.get(3)).value());
        GuestAccess single = (GuestAccess) ev.get(6);
        assertFalse(single.inferred());
        assertEquals(0xcd9, single.address());
        assertEquals(log, export(trace));
    }

    @Test
    void timestampsBecomeVirtualTimeAndUnknownRegionsGetAbsoluteOffsets() throws Exception {
        String log = "12925@1795239481.776924:memory_region_ops_read cpu -1 mr 0x5 addr 0xfee00000 value 0x0 size 4 name 'apic-msi'\n"
                + "12925@1795239481.776930:some_event a b c\n";
        Path trace = tmp.resolve("t");
        importText(log, trace);
        List<TraceEvent> ev = events(trace);
        RegionDefined r = (RegionDefined) ev.get(0);
        assertEquals(dev.vmtrace.trace.Space.MEMORY, r.space());
        GuestAccess a = (GuestAccess) ev.get(1);
        assertEquals(1795239481776924000L, a.time());
        assertEquals(-1, a.vcpu());
        assertEquals(0xfee00000L, ((Dispatch) ev.get(2)).offset());
        assertEquals(1795239481776930000L, ev.get(3).time());
        assertEquals("memory_region_ops_read cpu -1 mr 0x5 addr 0xfee00000 value 0x0 size 4 name 'apic-msi'\n"
                + "some_event a b c\n", export(trace));
    }

    @Test
    void truncatedLastLineIsDropped() throws Exception {
        String log = "memory_region_ops_read cpu 0 mr 0x1 addr 0x608 value 0x1 size 4 name 'acpi-tmr'\n"
                + "memory_region_ops_read cpu 0 mr 0x1 addr 0x608 val";
        ImportSummary s = importText(log, tmp.resolve("t"));
        assertTrue(s.truncatedLastLine());
        assertEquals(1, s.guestAccesses());
        String complete = "memory_region_ops_read cpu 0 mr 0x1 addr 0x608 value 0x1 size 4 name 'acpi-tmr'\n"
                + "memory_region_ops_read cpu 0 mr 0x1 addr 0x608 value 0x2 size 4 name 'acpi-tmr'";
        ImportSummary whole = importText(complete, tmp.resolve("u"));
        assertFalse(whole.truncatedLastLine());
        assertEquals(2, whole.guestAccesses());
    }

    @Test
    void badLineInALaterBlockReportsItsNumberAfterEverythingBeforeIt() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            log.append("memory_region_ops_read cpu 0 mr 0x1 addr 0x608 value 0x").append(Integer.toHexString(i))
                    .append(" size 4 name 'acpi-tmr'\n");
        }
        log.append("memory_region_ops_read cpu 0 mr 0x1 addr 0x608 value 0x1 size 4 name 'acpi-tmr\n");
        log.append("fw_cfg_read 0x1 = 0x0\n");
        BadInputException e = assertThrows(BadInputException.class, () -> importText(log.toString(), tmp.resolve("t")));
        assertEquals(60_001, e.line());
        String longLine = "x".repeat(QemuLogImporter.MAX_LINE + 10) + "\nfw_cfg_read 0x1 = 0x0\n";
        assertEquals(1, assertThrows(BadInputException.class, () -> importText(longLine, tmp.resolve("u"))).line());
    }

    @Test
    void badLineReportsItsNumber() {
        String log = "fw_cfg_read 0x1 = 0x0\n"
                + "memory_region_ops_read cpu 0 mr 0x1 addr 0x608 value 0xzz size 4 name 'acpi-tmr'\n"
                + "memory_region_ops_read cpu 0 mr 0x1 addr 0x608 value 0x1 size 4 name 'acpi-tmr'\n";
        BadInputException e = assertThrows(BadInputException.class, () -> importText(log, tmp.resolve("t")));
        assertEquals(2, e.line());
        BadInputException size = assertThrows(BadInputException.class, () -> importText(
                "memory_region_ops_write cpu 0 mr 0x1 addr 0x1 value 0x1 size 16 name 'x'\n", tmp.resolve("u")));
        assertEquals(1, size.line());
    }
}
