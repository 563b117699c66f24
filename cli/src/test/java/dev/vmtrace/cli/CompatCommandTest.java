package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VmtraceCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String real(String rel) {
        return RealQemu.realFile(rel).toString();
    }

    @Test
    void sameStreamIsCompatible() {
        assertEquals(0, run("compat", real("mig/pc-q35-7.2.bin"), real("mig/pc-q35-7.2.bin")));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("COMPATIBLE"));
    }

    @Test
    void q35ToI440fxIsIncompatibleWithJsonFindings() throws Exception {
        assertEquals(1, run("compat", "--both", "--format", "json", real("mig/pc-q35-7.2.bin"), real("mig/pc-i440fx-7.2.bin")));
        JsonObject doc = JsonReader.parse("out", out.toByteArray()).asObject("report");
        assertEquals("incompatible", doc.string("verdict"));
        JsonObject first = doc.array("findings").get(0).asObject("finding");
        assertEquals("error", first.string("severity"));
        assertEquals("MACHINE_TYPE_MISMATCH", first.string("code"));
        assertEquals("configuration", first.string("path"));
        assertTrue(first.has("message"));
    }

    @Test
    void writesJunitAndHtmlReportsToFiles(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("r.xml");
        assertEquals(1, run("compat", "--format", "junit", "-o", junit.toString(), real("checker-data/dump1.json"),
                real("checker-data/dump2.json")));
        String xml = Files.readString(junit);
        assertTrue(xml.contains("failures=\"13\""), xml);
        Path html = dir.resolve("r.html");
        assertEquals(1, run("compat", "--format", "html", "-o", html.toString(), real("checker-data/dump1.json"),
                real("checker-data/dump2.json")));
        assertTrue(Files.readString(html).contains("SUBSECTION_UNKNOWN"));
    }

    @Test
    void badInputAndVmtraceSchemasExitThree(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {'Q', 'E', 'V', 'M', 0, 0, 0, 3, 0x09});
        assertEquals(3, run("compat", junk.toString(), real("mig/pc-q35-7.2.bin")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("offset 8"), err.toString(StandardCharsets.UTF_8));
        assertEquals(3, run("compat", "vmtrace:7.2:no-such-machine", real("mig/pc-q35-7.2.bin")));
        assertEquals(2, run("compat", real("mig/pc-q35-7.2.bin")));
    }
}
