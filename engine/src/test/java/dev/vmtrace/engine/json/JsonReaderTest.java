package dev.vmtrace.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    private static JsonValue parse(String s) throws BadInputException {
        return JsonReader.parse("t.json", s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesNestedValuesWithOffsets() throws Exception {
        JsonObject o = parse(" {\"a\": [1, -2.5e3, true, null], \"b\": \"x\\u00e9\\n\", \"c\": {}}").asObject("doc");
        assertEquals(1, o.offset());
        JsonArray a = o.array("a");
        assertEquals(4, a.size());
        assertEquals(1, a.get(0).asLong("a0"));
        assertEquals(-2500.0, ((JsonNumber) a.get(1)).doubleValue());
        assertEquals(8, a.get(0).offset());
        assertEquals("x\u00e9\n", o.string("b"));
        assertTrue(o.object("c").members().isEmpty());
    }

    @Test
    void keepsUnsignedSixtyFourBitIntegersExact() throws Exception {
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807").asLong("n"));
        BadInputException e = assertThrows(BadInputException.class, () -> parse("18446744073709551615").asLong("n"));
        assertTrue(e.getMessage().contains("not a 64-bit integer"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,}|7|expected a member name",
        "[1,2|4|unexpected end",
        "{\"a\":1,\"a\":2}|7|duplicate member",
        "01|1|leading zero",
        "\"abc|0|unterminated string",
        "[1] x|4|unexpected data after",
        "tru|0|expected true",
        "\"\\q\"|1|bad escape",
    })
    void rejectsMalformedInputWithOffset(String text, long offset, String message) {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(text));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void enforcesDepthStringAndSizeCaps() {
        JsonLimits small = new JsonLimits(100, 3, 5, 10);
        byte[] deep = "[[[[1]]]]".getBytes(StandardCharsets.US_ASCII);
        assertThrows(BadInputException.class, () -> JsonReader.parse("d", deep, 0, deep.length, small));
        byte[] longString = "\"abcdefgh\"".getBytes(StandardCharsets.US_ASCII);
        assertThrows(BadInputException.class, () -> JsonReader.parse("s", longString, 0, longString.length, small));
        byte[] big = new byte[101];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThrows(BadInputException.class, () -> JsonReader.parse("b", big, 0, big.length, small));
        byte[] many = "[1,2,3,4,5,6,7,8,9,10,11]".getBytes(StandardCharsets.US_ASCII);
        assertThrows(BadInputException.class, () -> JsonReader.parse("m", many, 0, many.length, small));
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bad = {'"', (byte) 0xc3, '"'};
        BadInputException e = assertThrows(BadInputException.class, () -> JsonReader.parse("u", bad));
        assertEquals(1, e.offset());
    }

    @Test
    void randomMutationsFailOnlyWithBadInput() {
        byte[] good = "{\"devices\": [{\"name\": \"x\", \"size\": 4, \"f\": [1.5, true, null, \"\\u0041\"]}]}"
                .getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] m = good.clone();
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            }
            int len = rnd.nextInt(m.length + 1);
            try {
                JsonReader.parse("fuzz", m, 0, len, JsonLimits.DEFAULT);
            } catch (BadInputException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= len);
            }
        }
    }

    @Test
    void writerRoundTripsStably() throws Exception {
        String text = "{\"a\": [1, {\"b\": \"q\\\"\"}], \"c\": {}, \"d\": []}";
        JsonValue v = parse(text);
        assertEquals(text, JsonWriter.compact(v));
        String pretty = JsonWriter.pretty(v);
        assertEquals("{\n  \"a\": [\n    1,\n    {\n      \"b\": \"q\\\"\"\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}\n", pretty);
        assertEquals(pretty, JsonWriter.pretty(parse(pretty)));
    }
}
