package dev.vmtrace.trace.qtest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.testing.FuzzChecks;
import dev.vmtrace.trace.FuzzTraces;
import dev.vmtrace.trace.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The qtest script/log importer under hostile input: only a {@link BadInputException} with a line
 * number escapes, and an accepted script reads back cleanly. Seeds: qtest scripts and qtest logs
 * ({@code [R +t]}/{@code [S +t]}) covering every command of formats.md section 2.
 */
class QtestScriptFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void importScript(byte[] data) throws IOException {
        Path trace = FuzzTraces.scratch("qtest.trace");
        try (TraceWriter w = TraceWriter.createFile(trace, FuzzTraces.header())) {
            new QtestImporter().importTo(new ByteArrayInputStream(data), "fuzz.qtest", w);
        } catch (BadInputException e) {
            FuzzChecks.hasLine(e, FuzzChecks.lines(data));
            return;
        }
        FuzzTraces.readBack(trace);
    }
}
