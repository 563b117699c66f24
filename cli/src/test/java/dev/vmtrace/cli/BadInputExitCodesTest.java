package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.testing.RealQemu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of input vmtrace parses, made bad, through the verbs that read it: exit code 3 and one
 * line on stderr naming the file and the offset or line, never a stack trace
 * (docs/reliability.md).
 */
class BadInputExitCodesTest {
    private static final Pattern LOCATED = Pattern.compile("^vmtrace: bad input: (\\S+): (offset \\d+ \\(0x[0-9a-f]+\\)|line \\d+): \\S.*\n$");

    @TempDir
    Path tmp;

    private String out;
    private String err;

    @BeforeEach
    void noDebug() {
        out = "";
        err = "";
    }

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = VmtraceCommand.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** Exit 3, and stderr is exactly one located line naming {@code file}, without a stack trace. */
    private void assertBadInput(Path file, String where, String... args) {
        assertEquals(3, run(args), "exit code; stderr: " + err + " stdout: " + out);
        assertTrue(LOCATED.matcher(err).matches(), "one located line: " + err);
        assertTrue(err.contains(file.toString()), "names the file: " + err);
        assertTrue(err.contains(where), "says " + where + ": " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
    }

    @Test
    void badLogLine() throws Exception {
        Path log = tmp.resolve("bad.log");
        Files.writeString(log, "fw_cfg_read 0x1 = 0x0\nmemory_region_ops_read cpu 0 mr 0x1 addr 0xzz value 0x0 size 1 name 'x'\n");
        assertBadInput(log, "line 2", "import", "--from", "qemu-log", log.toString(), "-o", tmp.resolve("t").toString());
    }

    @Test
    void badQtestScript() throws Exception {
        Path script = tmp.resolve("bad.qtest");
        Files.writeString(script, "outb 0xcd8 0x0\ninl 0xcd8\nread 0x0 0x7fffffff\n");
        assertBadInput(script, "line 3", "import", "--from", "qtest", script.toString(), "-o", tmp.resolve("t").toString());
    }

    @Test
    void qtestCommandQemuAbortsOnStopsTheEngineRun() throws Exception {
        Path script = tmp.resolve("abort.qtest");
        Files.writeString(script, "outw 0xb2 0x1234\ninw 0xb2\ninb 0x10000\ninb 0xb2\n");
        assertBadInput(script, "line 3", "qtest", "-M", "pc-q35-7.2", script.toString());
        assertTrue(out.startsWith("OK\nOK 0x1234\n"), "replies before the abort: " + out);
    }

    @Test
    void corruptTrace() throws Exception {
        Path log = RealQemu.realDir().resolve("trace/ovmf-q35-smp2-max4.devices.log.gz");
        Path trace = tmp.resolve("t");
        assertEquals(0, run("import", "--from", "qemu-log", log.toString(), "-o", trace.toString()), err);
        Path file = tmp.resolve("t.vmtrace");
        assertEquals(0, run("export", trace.toString(), "--to", "file", "-o", file.toString()), err);
        byte[] b = Files.readAllBytes(file);
        int at = b.length / 2;
        b[at] ^= 0x10;
        Path bad = tmp.resolve("bad.vmtrace");
        Files.write(bad, b);
        assertBadInput(bad, "offset ", "export", bad.toString(), "--to", "jsonl", "-o", tmp.resolve("x.jsonl").toString());
        Path cut = tmp.resolve("cut.vmtrace");
        Files.write(cut, Arrays.copyOf(b, 5));
        assertBadInput(cut, "offset 0", "export", cut.toString(), "--to", "jsonl", "-o", tmp.resolve("y.jsonl").toString());
        // replay and bisect read the whole trace too (bisect re-records it first, in a work directory
        // it must leave clean: a left-over file there used to turn the bad input into exit 4)
        assertBadInput(bad, "offset ", "replay", bad.toString());
        assertBadInput(bad, "offset ", "bisect", bad.toString(), "--releases", "5.0..7.2.22");
    }

    @Test
    void corruptStream() throws Exception {
        byte[] data = Files.readAllBytes(RealQemu.realFile("mig/pc-q35-7.2.bin"));
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(data, 200_000));
        assertBadInput(cut, "offset ", "inspect", cut.toString());
        byte[] flipped = data.clone();
        flipped[7] = 9;
        Path bad = tmp.resolve("bad.bin");
        Files.write(bad, flipped);
        assertBadInput(bad, "offset 4", "compat", bad.toString(), RealQemu.realFile("mig/pc-i440fx-7.2.bin").toString());
    }

    @Test
    void corruptDump() throws Exception {
        byte[] dump = Files.readAllBytes(RealQemu.realFile("checker-data/dump1.json"));
        Path bad = tmp.resolve("bad.json");
        Files.write(bad, Arrays.copyOf(dump, 5000));
        assertBadInput(bad, "offset ", "compat", bad.toString(), RealQemu.realFile("checker-data/dump2.json").toString());
        Path shape = tmp.resolve("shape.json");
        Files.writeString(shape, "{\"vmschkmachine\": {\"Name\": \"pc\"}, \"dev\": {\"Name\": \"dev\", \"version_id\": \"one\"}}");
        assertBadInput(shape, "offset ", "compat", shape.toString(), RealQemu.realFile("checker-data/dump2.json").toString());
    }
}
