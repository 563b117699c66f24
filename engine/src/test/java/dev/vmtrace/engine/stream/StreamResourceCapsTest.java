package dev.vmtrace.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Small crafted streams that claim huge sizes or counts (docs/reliability.md, the caps table):
 * each fails with a {@link BadInputException} at the offending offset instead of allocating or
 * looping on the claim.
 */
class StreamResourceCapsTest {

    /** Big-endian stream bytes. */
    private static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes be32(long v) {
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (v >>> s));
            }
            return this;
        }

        Bytes be64(long v) {
            return be32(v >>> 32).be32(v);
        }

        Bytes counted(String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            out.write(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        Bytes raw(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static Bytes header() {
        return new Bytes().be32(StreamFormat.MAGIC).be32(StreamFormat.FILE_VERSION);
    }

    private static BadInputException bad(byte[] data) {
        return assertThrows(BadInputException.class, () -> MigrationStreamReader.read("crafted.bin", data));
    }

    @Test
    void aVmdescClaimingFourGiBIsNotReadButReportedAfterEof() {
        byte[] data = header().u8(StreamFormat.EOF).u8(StreamFormat.VMDESCRIPTION).be32(0xffffffffL)
                .raw("{\"devices\": []}".getBytes(StandardCharsets.US_ASCII)).bytes();
        BadInputException e = bad(data);
        assertEquals(9, e.offset(), e.getMessage());
        assertTrue(e.problem().contains("unexpected bytes after EOF"), e.getMessage());
    }

    @Test
    void aConfigurationNameClaimingFourGiBStopsAtTheNameCap() {
        byte[] data = header().u8(StreamFormat.CONFIGURATION).be32(0xffffffffL).raw(new byte[16]).bytes();
        BadInputException e = bad(data);
        assertEquals(9, e.offset(), e.getMessage());
        assertTrue(e.problem().contains("cap of " + StreamFormat.MAX_CONFIG_NAME), e.getMessage());
    }

    @Test
    void aRamBlockListOfTwoToTheThirtyOneBlocksStopsAtTheBlockCap() {
        // MEM_SIZE total 2^31 pages; the blocks listed have used_length 0, so the total never runs
        // out: only the block cap ends the list.
        Bytes b = header().u8(StreamFormat.SECTION_START).be32(0).counted("ram").be32(0).be32(4)
                .be64((1L << 43) | StreamFormat.RAM_MEM_SIZE);
        int capAt = -1;
        for (int i = 0; i <= StreamFormat.MAX_RAM_BLOCKS; i++) {
            if (i == StreamFormat.MAX_RAM_BLOCKS) {
                capAt = b.size();
            }
            b.counted(String.format("b%05d", i)).be64(0);
        }
        BadInputException e = bad(b.bytes());
        assertEquals(capAt, e.offset(), e.getMessage());
        assertTrue(e.problem().contains("more than " + StreamFormat.MAX_RAM_BLOCKS + " RAM blocks"), e.getMessage());
    }

    @Test
    void aRamBlockLongerThanTheTotalIsRejectedAtItsEntry() {
        Bytes b = header().u8(StreamFormat.SECTION_START).be32(0).counted("ram").be32(0).be32(4)
                .be64(0x2000000L | StreamFormat.RAM_MEM_SIZE);
        int at = b.size();
        byte[] data = b.counted("pc.ram").be64(0x7fffffffffff0000L).bytes();
        BadInputException e = bad(data);
        assertEquals(at, e.offset(), e.getMessage());
    }

    @Test
    void nestedArraysOfZeroSizeElementsStopAtTheElementBudget() {
        // 2^20 x 2^20 elements of size 0 from a 400-byte vmdesc: 10^12 steps without the cap.
        String inner = "{\"vmsd_name\": \"t\", \"version\": 1, \"fields\": []}";
        String middle = "{\"vmsd_name\": \"s\", \"version\": 1, \"fields\": [{\"name\": \"b\", \"type\": \"struct\","
                + " \"size\": 0, \"array_len\": 1048576, \"struct\": " + inner + "}]}";
        String vmdesc = "{\"page_size\": 4096, \"devices\": [{\"name\": \"dev\", \"instance_id\": 0, \"vmsd_name\": \"dev\","
                + " \"version\": 1, \"fields\": [{\"name\": \"a\", \"type\": \"struct\", \"size\": 0,"
                + " \"array_len\": 1048576, \"struct\": " + middle + "}]}]}";
        byte[] json = vmdesc.getBytes(StandardCharsets.US_ASCII);
        Bytes b = header().u8(StreamFormat.SECTION_FULL).be32(0).counted("dev").be32(0).be32(1);
        int body = b.size();
        byte[] data = b.u8(StreamFormat.EOF).u8(StreamFormat.VMDESCRIPTION).be32(json.length).raw(json).bytes();
        BadInputException e = bad(data);
        assertEquals(body, e.offset(), e.getMessage());
        assertTrue(e.problem().contains("decoded field elements"), e.getMessage());
    }

    @Test
    void aSubsectionMarkerWithControlCharactersStaysOneLine() {
        // Names from the input are quoted in messages; the report must stay one printable line.
        String vmdesc = "{\"devices\": [{\"name\": \"dev\", \"instance_id\": 0, \"vmsd_name\": \"dev\", \"version\": 1,"
                + " \"subsections\": [{\"vmsd_name\": \"dev/sub\", \"version\": 1}]}]}";
        byte[] json = vmdesc.getBytes(StandardCharsets.US_ASCII);
        byte[] data = header().u8(StreamFormat.SECTION_FULL).be32(0).counted("dev").be32(0).be32(1)
                .u8(StreamFormat.SUBSECTION).counted("dev/\n\u001b[2Jsub").be32(1)
                .u8(StreamFormat.EOF).u8(StreamFormat.VMDESCRIPTION).be32(json.length).raw(json).bytes();
        BadInputException e = bad(data);
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), e.getMessage());
        assertTrue(e.getMessage().contains("dev/\\x0a\\x1b[2Jsub"), e.getMessage());
    }
}
