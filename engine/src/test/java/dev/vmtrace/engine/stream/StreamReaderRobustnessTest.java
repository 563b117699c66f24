package dev.vmtrace.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated, corrupt and trailer-less streams: sections still found, or BadInputException with an offset. */
class StreamReaderRobustnessTest {
    private static byte[] real(String machine) throws Exception {
        return Files.readAllBytes(RealStreamReaderTest.realStream(machine));
    }

    @Test
    void withoutVmdescSectionsAndRamBlocksAreStillFound() throws Exception {
        MigrationStream full = RealStreamReaderTest.read("pc-i440fx-7.2");
        byte[] data = real("pc-i440fx-7.2");
        byte[] noTrailer = Arrays.copyOf(data, (int) full.vmdescOffset());
        MigrationStream s = MigrationStreamReader.read("no-vmdesc", noTrailer);
        assertFalse(s.hasVmdesc());
        assertEquals(full.sections().size(), s.sections().size());
        for (int i = 0; i < s.sections().size(); i++) {
            StreamSection a = full.sections().get(i);
            StreamSection b = s.sections().get(i);
            assertEquals(a.key(), b.key());
            assertEquals(a.length(), b.length(), a.key() + " boundary found by scanning");
            assertNull(b.state());
        }
        assertEquals(full.ramBlocks(), s.ramBlocks());
    }

    @Test
    void truncationsFailWithAnOffsetInsideTheStream() throws Exception {
        byte[] data = real("pc-q35-7.2");
        Random rnd = new Random(7);
        for (int i = 0; i < 150; i++) {
            int len = rnd.nextInt(data.length);
            byte[] cut = Arrays.copyOf(data, len);
            BadInputException e = assertThrows(BadInputException.class, () -> MigrationStreamReader.read("cut", cut),
                    "truncated at " + len);
            assertTrue(e.offset() >= 0 && e.offset() <= len, e.getMessage());
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws Exception {
        byte[] data = real("pc-q35-7.2");
        Random rnd = new Random(11);
        int headerEnd = 400_000;
        for (int i = 0; i < 300; i++) {
            byte[] m = data.clone();
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                // Bias towards the device sections and the trailer, where structure is dense.
                int at = rnd.nextBoolean() ? 280_000 + rnd.nextInt(m.length - 280_000) : rnd.nextInt(Math.min(m.length, headerEnd));
                m[at] = (byte) rnd.nextInt(256);
            }
            try {
                MigrationStreamReader.read("fuzz", m);
            } catch (BadInputException expected) {
                assertTrue(expected.offset() >= 0, expected.getMessage());
            }
        }
    }

    @Test
    void rejectsBadMagicVersionAndUnsupportedRamFlags() throws Exception {
        byte[] data = real("pc-i440fx-7.2");
        byte[] magic = data.clone();
        magic[0] = 'X';
        assertTrue(assertThrows(BadInputException.class, () -> MigrationStreamReader.read("m", magic))
                .getMessage().contains("not a QEMU migration stream"));
        byte[] version = data.clone();
        version[7] = 2;
        assertEquals(4, assertThrows(BadInputException.class, () -> MigrationStreamReader.read("v", version)).offset());
        // The first page record after the RAM START section: a ZERO record at 0xc9; make it XBZRLE.
        byte[] xbzrle = data.clone();
        assertEquals(0x02, xbzrle[0xd0]);
        xbzrle[0xd0] = 0x40;
        BadInputException e = assertThrows(BadInputException.class, () -> MigrationStreamReader.read("x", xbzrle));
        assertTrue(e.getMessage().contains("unsupported RAM record flags 0x40"), e.getMessage());
        assertEquals(0xc9, e.offset());
    }

    @Test
    void hostileVmdescCannotMakeTheDecoderAllocateWithoutBound() {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            fields.append(i == 0 ? "" : ", ").append("{\"name\": \"f").append(i)
                    .append("\", \"array_len\": 1000000, \"type\": \"buffer\", \"size\": 0}");
        }
        String json = "{\"page_size\": 4096, \"devices\": [{\"name\": \"dev\", \"instance_id\": 0, "
                + "\"vmsd_name\": \"dev\", \"version\": 1, \"fields\": [" + fields + "]}]}";
        dev.vmtrace.engine.state.WireOutput out = new dev.vmtrace.engine.state.WireOutput();
        out.writeU32(StreamFormat.MAGIC).writeU32(3);
        out.writeU8(StreamFormat.SECTION_FULL).writeU32(0).writeCountedString("dev").writeU32(0).writeU32(1);
        out.writeU8(StreamFormat.EOF);
        byte[] j = json.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeU8(StreamFormat.VMDESCRIPTION).writeU32(j.length).writeBytes(j, 0, j.length);
        BadInputException e = assertThrows(BadInputException.class, () -> MigrationStreamReader.read("hostile", out.toByteArray()));
        assertTrue(e.getMessage().contains("decoded field elements"), e.getMessage());
    }

    private static byte[] configWithCapabilities(boolean describe) {
        String cfg = describe ? "\"configuration\": {\"vmsd_name\": \"configuration\", \"version\": 1, \"fields\": [], "
                + "\"subsections\": [{\"vmsd_name\": \"configuration/capabilities\", \"version\": 1, \"fields\": "
                + "[{\"name\": \"caps_count\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"capabilities\", "
                + "\"type\": \"capability\", \"size\": 16}]}]}, " : "";
        String json = "{\"page_size\": 4096, " + cfg + "\"devices\": []}";
        dev.vmtrace.engine.state.WireOutput out = new dev.vmtrace.engine.state.WireOutput();
        out.writeU32(StreamFormat.MAGIC).writeU32(3);
        out.writeU8(StreamFormat.CONFIGURATION).writeU32(13).writeBytes("pc-i440fx-9.2".getBytes(), 0, 13);
        out.writeU8(StreamFormat.SUBSECTION).writeCountedString("configuration/capabilities").writeU32(1);
        out.writeU32(1).writeCountedString("x-ignore-shared");
        out.writeU8(StreamFormat.EOF);
        byte[] j = json.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeU8(StreamFormat.VMDESCRIPTION).writeU32(j.length).writeBytes(j, 0, j.length);
        return out.toByteArray();
    }

    @Test
    void configurationSubsectionsOfNewerQemusAreReadThroughTheVmdesc() throws Exception {
        assertEquals("pc-i440fx-9.2", MigrationStreamReader.read("cfg", configWithCapabilities(true)).machineType());
        BadInputException e = assertThrows(BadInputException.class,
                () -> MigrationStreamReader.read("cfg", configWithCapabilities(false)));
        assertTrue(e.getMessage().contains("configuration section has subsections"), e.getMessage());
        assertEquals(26, e.offset(), "the 0x05 after the 13-byte name");
    }

    @Test
    void switchoverStartCommandIsSkippedOtherCommandsAreRejected() throws Exception {
        for (int command : new int[] {0x0b, 0x01}) {
            dev.vmtrace.engine.state.WireOutput out = new dev.vmtrace.engine.state.WireOutput();
            out.writeU32(StreamFormat.MAGIC).writeU32(3);
            out.writeU8(StreamFormat.COMMAND).writeU16(command).writeU16(0).writeU8(StreamFormat.EOF);
            if (command == 0x0b) {
                assertEquals(List.of(), MigrationStreamReader.read("cmd", out.toByteArray()).sections());
            } else {
                BadInputException e = assertThrows(BadInputException.class,
                        () -> MigrationStreamReader.read("cmd", out.toByteArray()));
                assertEquals(8, e.offset());
            }
        }
    }
}
