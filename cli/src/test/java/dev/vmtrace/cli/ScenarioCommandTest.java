package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.json.JsonArray;
import dev.vmtrace.engine.json.JsonBoolean;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScenarioCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VmtraceCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void s2JsonHasTheDocumentedShape() throws Exception {
        assertEquals(ExitCodes.OK, run("scenario", "S2", "--format", "json"));
        JsonObject root = (JsonObject) JsonReader.parse("out", out.toByteArray());
        JsonArray scenarios = root.array("scenarios");
        JsonObject s2 = (JsonObject) scenarios.get(0);
        assertEquals("S2", s2.string("id"));
        assertTrue(((JsonBoolean) s2.get("detected")).value());
        assertTrue(s2.array("findings").size() >= 6);
    }

    @Test
    void unknownStoryIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("scenario", "S9"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("available: "), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void htmlAndJunitReportsCarryTheVerdicts() {
        assertEquals(ExitCodes.OK, run("scenario", "all", "--format", "html"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("detected as expected"));
        out.reset();
        assertEquals(ExitCodes.OK, run("scenario", "all", "--format", "junit"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("failures=\"0\""));
    }

    @Test
    void allRunsEveryStoryAndExitsZero() throws Exception {
        assertEquals(ExitCodes.OK, run("scenario", "all", "--format", "json"));
        JsonObject root = (JsonObject) JsonReader.parse("out", out.toByteArray());
        assertEquals("as-expected", root.string("verdict"));
        StringBuilder ids = new StringBuilder();
        for (var v : root.array("scenarios").elements()) {
            JsonObject s = (JsonObject) v;
            ids.append(s.string("id")).append(' ');
            assertTrue(((JsonBoolean) s.get("detected")).value(), s.string("id"));
        }
        assertEquals("S0 S1 S2 S3 S4 ", ids.toString());
    }
}
