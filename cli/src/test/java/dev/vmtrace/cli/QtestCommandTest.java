package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.testing.RealQemu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmtrace qtest}: replies, exit codes, usage errors. */
class QtestCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VmtraceCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bundledScriptGivesQemusRecordedReplies() throws Exception {
        Path dir = RealQemu.repoDir().resolve("samples").resolve("qtest");
        for (String machine : List.of("pc-q35-7.2", "pc-i440fx-7.2")) {
            out.reset();
            assertEquals(ExitCodes.OK, run("qtest", "-M", machine, "--accel", "kvm",
                    dir.resolve("apm-and-unassigned.qtest").toString()));
            assertEquals(Files.readString(dir.resolve("apm-and-unassigned." + machine + ".replies")), out());
        }
    }

    @Test
    void clockCommandsUnderTheQtestAccelerator(@TempDir Path tmp) throws Exception {
        Path s = tmp.resolve("s.qtest");
        Files.writeString(s, "clock_step 100\nclock_set 50\noutb 0xb3 0x5a\ninb 0xb3\n");
        assertEquals(ExitCodes.OK, run("qtest", "-M", "q35", s.toString()));
        assertEquals("OK 100\nOK 100\nOK\nOK 0x005a\n", out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void commandQemuAbortsOnIsBadInputWithTheLine(@TempDir Path tmp) throws Exception {
        Path s = tmp.resolve("s.qtest");
        Files.writeString(s, "inb 0xb2\ninb 0x10000\ninb 0xb2\n");
        assertEquals(ExitCodes.BAD_INPUT, run("qtest", "-M", "pc", s.toString()));
        assertEquals("OK 0x0000\n", out().replace(System.lineSeparator(), "\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 2"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badMachineOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, run("qtest", "-M", "pc-q35-9.9", "/dev/null"));
        assertEquals(ExitCodes.USAGE, run("qtest", "-M", "q35", "--accel", "hvf", "/dev/null"));
        assertEquals(ExitCodes.USAGE, run("qtest", "-M", "q35", "--release", "seven", "/dev/null"));
        assertEquals(ExitCodes.USAGE, run("qtest", "-M", "q35", "--access-policy", "loose", "/dev/null"));
        assertEquals(ExitCodes.USAGE, run("qtest", "-M", "q35", "--device", "e1000", "/dev/null"));
        assertEquals(ExitCodes.USAGE, run("qtest", "/dev/null"));
        assertEquals(ExitCodes.BAD_INPUT, run("qtest", "-M", "q35", "/nonexistent/script"));
    }

    @Test
    void tcgShowsTheDirectPath(@TempDir Path tmp) throws Exception {
        Path s = tmp.resolve("s.qtest");
        Files.writeString(s, "outb 0xb3 0x12\ninl 0xb3\n");
        assertEquals(ExitCodes.OK, run("qtest", "-M", "q35", "--accel", "tcg", s.toString()));
        assertEquals("OK\nOK 0x0000\n", out().replace(System.lineSeparator(), "\n"), "unaligned dword refused on TCG");
        out.reset();
        assertEquals(ExitCodes.OK, run("qtest", "-M", "q35", "--accel", "kvm", s.toString()));
        assertEquals("OK\nOK 0xffffff12\n", out().replace(System.lineSeparator(), "\n"), "split on the buffer path");
    }
}
