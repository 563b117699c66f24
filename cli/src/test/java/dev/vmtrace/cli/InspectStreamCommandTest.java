package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.testing.RealQemu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmtrace inspect} on real QEMU migration streams, whole and damaged. */
class InspectStreamCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VmtraceCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void realStreamShowsMachineSectionsAndRamBlocks() {
        Path stream = RealQemu.realDir().resolve("mig/pc-i440fx-7.2.bin");
        assertEquals(ExitCodes.OK, run("inspect", stream.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("machine type: pc-i440fx-7.2"), text);
        assertTrue(text.contains("/rom@etc/acpi/tables   used 0x20000"), text);
        assertTrue(text.contains("piix4_pm"), text);
        assertTrue(text.contains("subsection fw_cfg/acpi_mr"), text);
    }

    @Test
    void jsonFormatIsParseableJson() throws Exception {
        Path stream = RealQemu.realDir().resolve("mig/pc-q35-7.2.bin");
        assertEquals(ExitCodes.OK, run("inspect", "--format", "json", stream.toString()));
        dev.vmtrace.engine.json.JsonObject o = (dev.vmtrace.engine.json.JsonObject) dev.vmtrace.engine.json.JsonReader
                .parse("out", out.toByteArray());
        assertEquals("pc-q35-7.2", o.string("machine_type"));
    }

    @Test
    void truncatedStreamIsBadInputWithAnOffset() throws Exception {
        byte[] whole = Files.readAllBytes(RealQemu.realDir().resolve("mig/pc-q35-7.2.bin"));
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(whole, 300_000));
        assertEquals(ExitCodes.BAD_INPUT, run("inspect", cut.toString()));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith("vmtrace: bad input: " + cut), msg);
        assertTrue(msg.contains("offset"), msg);
        assertEquals(1, msg.lines().count(), "one line, no stack trace: " + msg);
    }
}
