package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate workflow end to end: pass, fail, allowlist, update the baseline. */
class GateCommandTest {
    private ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        return VmtraceCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static void copy(String real, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(RealQemu.realFile(real), to);
    }

    @Test
    void gateWorkflow(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("baseline");
        Path cand = dir.resolve("candidate");
        copy("mig/pc-i440fx-7.2.bin", base.resolve("pc-i440fx-7.2.bin"));
        copy("mig/pc-q35-7.2.bin", base.resolve("pc-q35-7.2.bin"));
        copy("mig/pc-i440fx-7.2.bin", cand.resolve("pc-i440fx-7.2.bin"));
        copy("mig/pc-q35-7.2.bin", cand.resolve("pc-q35-7.2.bin"));
        assertEquals(0, run("gate", "--baseline", base.toString(), cand.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gate: pass"));

        // A candidate whose i440fx artifact changed (here: it is a q35 stream) fails both directions.
        Files.copy(RealQemu.realFile("mig/pc-q35-7.2.bin"), cand.resolve("pc-i440fx-7.2.bin"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, run("gate", "--baseline", base.toString(), "--format", "json", cand.toString()));
        JsonObject doc = JsonReader.parse("gate", out.toByteArray()).asObject("gate");
        assertEquals("fail", doc.string("verdict"));

        // Listing every unlisted finding (the text report prints the lines) lets the gate pass.
        run("gate", "--baseline", base.toString(), cand.toString());
        List<String> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (l.strip().startsWith("allowlist line: ")) {
                lines.add(l.strip().substring("allowlist line: ".length()));
            }
        }
        assertTrue(lines.size() > 5, lines.toString());
        Path allow = dir.resolve("allowlist.txt");
        Files.write(allow, lines);
        assertEquals(0, run("gate", "--baseline", base.toString(), "--allowlist", allow.toString(), cand.toString()));
        Path html = dir.resolve("gate.html");
        assertEquals(0, run("gate", "--baseline", base.toString(), "--allowlist", allow.toString(), "--format", "html",
                "-o", html.toString(), cand.toString()));
        assertTrue(Files.readString(html).contains("<table>"));

        // Updating the baseline takes the candidate and empties the allowlist.
        assertEquals(0, run("gate", "--baseline", base.toString(), "--allowlist", allow.toString(), "--update-baseline",
                cand.toString()));
        assertArrayEquals(Files.readAllBytes(cand.resolve("pc-i440fx-7.2.bin")), Files.readAllBytes(base.resolve("pc-i440fx-7.2.bin")));
        assertTrue(Files.readAllLines(allow).stream().allMatch(l -> l.startsWith("#")));
        assertEquals(0, run("gate", "--baseline", base.toString(), "--allowlist", allow.toString(), cand.toString()));
    }

    @Test
    void missingCandidateArtifactFails(@TempDir Path dir) throws Exception {
        copy("mig/pc-q35-7.2.bin", dir.resolve("b").resolve("pc-q35-7.2.bin"));
        Files.createDirectories(dir.resolve("c"));
        assertEquals(1, run("gate", "--baseline", dir.resolve("b").toString(), "--format", "junit", dir.resolve("c").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the candidate has no pc-q35-7.2.bin"));
    }

    @Test
    void allPairsComparesEveryArtifactWithEveryOther(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("fleet");
        copy("mig/pc-i440fx-7.2.bin", set.resolve("a-i440fx.bin"));
        copy("mig/pc-q35-7.2.bin", set.resolve("b-q35.bin"));
        copy("mig/pc-q35-7.2.bin", set.resolve("c-q35-copy.bin"));
        assertEquals(1, run("gate", "--all-pairs", "--format", "json", set.toString()));
        JsonObject doc = JsonReader.parse("gate", out.toByteArray()).asObject("gate");
        assertEquals("fail", doc.string("verdict"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("a-i440fx.bin -> b-q35.bin"), text);
        assertTrue(text.contains("c-q35-copy.bin -> b-q35.bin"), text);
        assertEquals(2, run("gate", set.toString()), "neither --baseline nor --all-pairs");
        assertEquals(2, run("gate", "--all-pairs", "--baseline", set.toString(), set.toString()));
    }

    @Test
    void identicalConfigurationsPassAllPairs(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("same");
        copy("mig/pc-q35-7.2.bin", set.resolve("one.bin"));
        copy("mig/pc-q35-7.2.bin", set.resolve("two.bin"));
        assertEquals(0, run("gate", "--all-pairs", set.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gate: pass"));
    }
}
