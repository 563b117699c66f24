package dev.vmtrace.trace.qemu;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.testing.FuzzChecks;
import dev.vmtrace.trace.FuzzTraces;
import dev.vmtrace.trace.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The QEMU {@code -trace} log importer under hostile logs: only a {@link BadInputException} with
 * a line number escapes, and whatever it imports reads back cleanly. Seeds: the first kilobytes of
 * the real OVMF q35 boot traces, and lines of every kind formats.md section 1 lists.
 */
class QemuLogImportFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void importLog(byte[] data) throws IOException {
        Path trace = FuzzTraces.scratch("log.trace");
        try (TraceWriter w = TraceWriter.createFile(trace, FuzzTraces.header())) {
            new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22")
                    .importTo(new ByteArrayInputStream(data), "fuzz.log", w);
        } catch (BadInputException e) {
            FuzzChecks.hasLine(e, FuzzChecks.lines(data));
            return;
        }
        FuzzTraces.readBack(trace);
    }
}
