package dev.vmtrace.compat.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmtrace.compat.check.CompatChecker;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.testing.FuzzChecks;
import dev.vmtrace.engine.testing.RealQemu;

/**
 * The compat-check schema sources under hostile input. {@link #dump} reads a {@code -dump-vmstate}
 * document and {@link #stream} a migration stream into a schema set, and each set is compared both
 * ways against QEMU's checker test data: reading fails only with a located
 * {@link BadInputException}, and whatever reads compares without an exception (findings are data).
 * Seeds: slices of the checker-data dumps and of the real q35 dump.
 */
class DumpVmstateFuzzTest {
    private static final SchemaSet REFERENCE = reference();

    private static SchemaSet reference() {
        try {
            return SchemaSources.resolve(RealQemu.realFile("checker-data/dump1.json").toString());
        } catch (BadInputException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void dump(byte[] data) {
        SchemaSet set;
        try {
            set = DumpSchemas.of(JsonReader.parse("fuzz.json", data), "fuzz.json");
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
            return;
        }
        CompatChecker.check(set, REFERENCE);
        CompatChecker.check(REFERENCE, set);
        CompatChecker.check(set, set);
    }

    @FuzzTest(maxDuration = "60s")
    void stream(byte[] data) {
        SchemaSet set;
        try {
            set = StreamSchemas.of(MigrationStreamReader.read("fuzz.bin", data), "fuzz.bin");
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
            return;
        }
        CompatChecker.check(set, REFERENCE);
        CompatChecker.check(set, set);
    }
}
