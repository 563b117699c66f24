package dev.vmtrace.compat.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.source.DumpSchemas;
import dev.vmtrace.compat.source.StreamSchemas;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Corrupted dumps and vmdesc trailers fail with BadInputException or compare; nothing else escapes. */
class CompatRobustnessTest {
    @Test
    void corruptedDumpsNeverEscapeAsAnotherException() throws Exception {
        byte[] good = Files.readAllBytes(RealQemu.realFile("checker-data/dump1.json"));
        SchemaSet reference = DumpSchemas.of(JsonReader.parse("d", good), "d");
        Random rnd = new Random(3);
        int parsed = 0;
        for (int i = 0; i < 400; i++) {
            byte[] m = good.clone();
            for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                m[rnd.nextInt(m.length)] = (byte) "0123456789{}[]\",:tfn -x".charAt(rnd.nextInt(23));
            }
            try {
                SchemaSet s = DumpSchemas.of(JsonReader.parse("fuzz", m), "fuzz");
                CompatChecker.check(s, reference);
                CompatChecker.check(reference, s);
                parsed++;
            } catch (BadInputException expected) {
                assertTrue(expected.offset() >= 0, expected.getMessage());
            }
        }
        assertTrue(parsed > 0, "some mutations keep the JSON valid and must compare");
    }

    @Test
    void corruptedVmdescTrailersNeverEscapeAsAnotherException() throws Exception {
        byte[] good = Files.readAllBytes(RealQemu.realFile("mig/pc-q35-7.2.bin"));
        SchemaSet reference = StreamSchemas.of(MigrationStreamReader.read("ref", good), "ref");
        int trailer = (int) MigrationStreamReader.read("ref", good).vmdescOffset() + 5;
        Random rnd = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] m = good.clone();
            int at = trailer + rnd.nextInt(m.length - trailer);
            m[at] = (byte) "0123456789{}[]\",:".charAt(rnd.nextInt(17));
            try {
                SchemaSet s = StreamSchemas.of(MigrationStreamReader.read("fuzz", m), "fuzz");
                CompatChecker.check(s, reference);
                CompatChecker.check(reference, s);
            } catch (BadInputException expected) {
                assertTrue(expected.offset() >= 0, expected.getMessage());
            }
        }
    }
}
