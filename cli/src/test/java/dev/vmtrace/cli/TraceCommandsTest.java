package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.testing.RealQemu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandsTest {
    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = VmtraceCommand.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void importInspectExportRoundTrip() throws Exception {
        Path log = RealQemu.realDir().resolve("trace/ovmf-q35-smp2-max4.devices.log.gz");
        Path trace = tmp.resolve("t");
        assertEquals(0, run("import", "--from", "qemu-log", log.toString(), "-o", trace.toString()), err);
        assertTrue(out.contains("1 inferred"), out);
        assertEquals(0, run("inspect", trace.toString(), "--format", "json", "--regions"), err);
        assertTrue(out.contains("\"complete\": true"), out);
        assertTrue(out.contains("\"inferred\": 1"), out);
        assertEquals(0, run("export", trace.toString(), "--to", "qemu-log"), err);
        assertTrue(out.startsWith("fw_cfg_add_bytes key 0x0000 'signature', 4 bytes\n"), out.substring(0, 80));
        Path file = tmp.resolve("t.vmtrace");
        assertEquals(0, run("export", trace.toString(), "--to", "file", "-o", file.toString()), err);
        Path back = tmp.resolve("back");
        assertEquals(0, run("import", "--from", "file", file.toString(), "-o", back.toString()), err);
        assertEquals(0, run("export", back.toString(), "--to", "jsonl", "-o", tmp.resolve("t.jsonl").toString()), err);
        assertEquals(13545, Files.readAllLines(tmp.resolve("t.jsonl")).size());
        assertEquals(0, run("export", file.toString(), "--to", "qtest"), err);
        assertTrue(out.contains("outl 0xcd8 0x0\n"), "inferred legacy DWORD write in qtest form");
        assertEquals(2, run("import", "--from", "qemu-log", log.toString(), "-o", trace.toString()));
        assertEquals(0, run("import", "--from", "qemu-log", log.toString(), "-o", trace.toString(), "--force"), err);
    }

    @Test
    void badInputExitsThreeWithTheLine() throws Exception {
        Path log = tmp.resolve("bad.log");
        Files.writeString(log, "fw_cfg_read 0x1 = 0x0\nmemory_region_ops_read cpu x\n");
        assertEquals(3, run("import", "--from", "qemu-log", log.toString(), "-o", tmp.resolve("t").toString()));
        assertTrue(err.contains("line 2"), err);
        Path script = tmp.resolve("s.qtest");
        Files.writeString(script, "outb 0x70 0x0\nfrobnicate\n");
        assertEquals(3, run("import", "--from", "qtest", script.toString(), "-o", tmp.resolve("u").toString()));
        assertTrue(err.contains("line 2"), err);
        Files.writeString(tmp.resolve("junk"), "hello");
        assertEquals(3, run("inspect", tmp.resolve("junk").toString()));
        assertEquals(2, run("export", "x", "--to", "pdf"));
    }

    @Test
    void inspectShowsWhetherSnapshotsAreIndexed() throws Exception {
        Path file = tmp.resolve("snaps.vmtrace");
        try (dev.vmtrace.trace.TraceWriter w = dev.vmtrace.trace.TraceWriter.createFile(file,
                dev.vmtrace.trace.TraceHeader.of("test", "pc-q35-7.2", "7.2.22", "tcg", 1, java.util.Map.of()))) {
            w.append(new dev.vmtrace.trace.RegionDefined(0, 0, 1, "acpi-tmr", dev.vmtrace.trace.Space.IO, 0x608, 4, null, 0));
            for (int i = 0; i < 3; i++) {
                w.access(i, 0, dev.vmtrace.trace.Space.IO, dev.vmtrace.trace.Direction.READ, 0x608, 4, i, false, 1, i);
                w.append(new dev.vmtrace.trace.StateSnapshot(0, i, "periodic",
                        dev.vmtrace.trace.ImmutableBytes.copyOf(new byte[] {(byte) i})));
            }
        }
        assertEquals(0, run("inspect", file.toString()), err);
        assertTrue(out.contains("snapshots: 3 (indexed)\n"), out);
        assertEquals(0, run("inspect", file.toString(), "--format", "json"), err);
        assertTrue(out.contains("\"index\": {\"indexed\": true, \"snapshots\": 3, \"chunks\": true, \"reason\": null}"), out);
        byte[] b = Files.readAllBytes(file);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        Path cut = tmp.resolve("cut.vmtrace");
        Files.write(cut, java.util.Arrays.copyOf(b, text.lastIndexOf("VTIX")));
        assertEquals(0, run("inspect", cut.toString()), err);
        assertTrue(out.contains("snapshots: 3 (not indexed: no trailer (not closed cleanly); seeking scans)\n"), out);
    }
}
