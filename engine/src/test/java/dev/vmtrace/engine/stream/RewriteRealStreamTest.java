package dev.vmtrace.engine.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QEMU's real streams, decoded and saved again by vmtrace's writer through schemas made from their
 * vmdesc: every device section body and the vmdesc trailer come out byte for byte as QEMU wrote them.
 */
class RewriteRealStreamTest {
    private static byte[] body(byte[] data, StreamSection s) {
        int start = (int) (s.offset() + 1 + 4 + 1 + s.idstr().length() + 4 + 4);
        return Arrays.copyOfRange(data, start, start + (int) s.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void everyDeviceSectionAndTheVmdescAreReproduced(String machine) throws Exception {
        Path file = RealQemu.realFile("mig/" + machine + ".bin");
        byte[] original = Files.readAllBytes(file);
        MigrationStream qemu = MigrationStreamReader.read(file);
        byte[] ours = MigrationStreamWriter.write(VmdescSchemas.machineState(qemu));
        MigrationStream again = MigrationStreamReader.read("rewritten", ours);
        assertEquals(qemu.machineType(), again.machineType());
        assertEquals(qemu.ramBlocks(), again.ramBlocks());
        assertEquals(qemu.sections().size(), again.sections().size());
        for (int i = 0; i < qemu.sections().size(); i++) {
            StreamSection a = qemu.sections().get(i);
            StreamSection b = again.sections().get(i);
            assertEquals(a.key(), b.key());
            if (!a.isRam()) {
                assertArrayEquals(body(original, a), body(ours, b), a.key());
            }
        }
        assertEquals(new String(original, (int) qemu.vmdescOffset() + 5, original.length - (int) qemu.vmdescOffset() - 5,
                StandardCharsets.UTF_8), JsonWriter.compact(again.vmdesc()));
    }
}
