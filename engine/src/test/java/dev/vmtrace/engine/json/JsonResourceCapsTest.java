package dev.vmtrace.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON caps against inputs built to exceed them (docs/reliability.md, the caps table). */
class JsonResourceCapsTest {
    @TempDir
    Path tmp;

    @Test
    void nestingOneHundredThousandDeepStopsAtTheDepthCap() {
        byte[] deep = new byte[100_000];
        Arrays.fill(deep, (byte) '[');
        BadInputException e = assertThrows(BadInputException.class, () -> JsonReader.parse("deep.json", deep));
        assertEquals(JsonLimits.DEFAULT.maxDepth(), e.offset(), e.getMessage());
    }

    @Test
    void aStringLongerThanTheCapIsRejectedAtItsStart() {
        byte[] s = new byte[JsonLimits.DEFAULT.maxStringBytes() + 16];
        Arrays.fill(s, (byte) 'a');
        s[0] = '[';
        s[1] = '"';
        BadInputException e = assertThrows(BadInputException.class, () -> JsonReader.parse("long.json", s));
        assertEquals(1, e.offset(), e.getMessage());
    }

    @Test
    void aGzipBombStopsAtTheSizeCap() throws Exception {
        // 80 MB of spaces compress to about 80 KB; reading stops one byte past the 64 MiB cap.
        Path bomb = tmp.resolve("bomb.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 80; i++) {
                out.write(spaces);
            }
        }
        assertTrue(Files.size(bomb) < 1 << 20);
        BadInputException e = assertThrows(BadInputException.class, () -> JsonReader.parseFile(bomb));
        assertEquals(0, e.offset(), e.getMessage());
        assertTrue(e.problem().contains("exceeds the cap"), e.getMessage());
    }

    @Test
    void unpairedSurrogateEscapesAreBadInput() {
        for (String text : new String[] {"\"\\ude00\"", "\"\\ud83d\"", "\"\\ud83dA\"", "[\"ok\", \"\\udc00\\ud800\"]"}) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            BadInputException e = assertThrows(BadInputException.class, () -> JsonReader.parse("s.json", b), text);
            assertTrue(e.problem().contains("unpaired surrogate"), e.getMessage());
        }
    }

    @Test
    void aSurrogatePairEscapeRoundTrips() throws Exception {
        byte[] b = "\"\\ud83d\\ude00\"".getBytes(StandardCharsets.US_ASCII);
        JsonValue v = JsonReader.parse("pair.json", b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(JsonWriter.compact(v).getBytes(StandardCharsets.UTF_8));
        assertEquals(JsonWriter.compact(v), JsonWriter.compact(JsonReader.parse("again", out.toByteArray())));
    }
}
