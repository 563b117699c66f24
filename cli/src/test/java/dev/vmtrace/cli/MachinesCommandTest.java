package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmtrace machines}. */
class MachinesCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        return VmtraceCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void listsTypesOfTheReleaseWithTheirCompatValues() {
        assertEquals(ExitCodes.OK, run("machines", "--release", "2.7"));
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("release 2.7: access policy lenient"));
        assertTrue(s.contains("pc-q35-2.7"));
        assertFalse(s.contains("pc-q35-2.8\n"), "2.7 does not offer 2.8 types");
        assertTrue(s.contains("ICH9-LPC.x-smi-broadcast"));
    }

    @Test
    void jsonGoesToAFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m.json");
        assertEquals(ExitCodes.OK, run("machines", "--format", "json", "-o", f.toString()));
        String s = Files.readString(f);
        assertTrue(s.startsWith("{") && s.trim().endsWith("}"));
        assertTrue(s.contains("\"name\": \"pc-q35-7.2\""));
        assertTrue(s.contains("\"ICH9-LPC.x-smi-cpu-hotunplug\": true"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, run("machines", "--release", "x"));
        assertEquals(ExitCodes.USAGE, run("machines", "--format", "xml"));
    }
}
