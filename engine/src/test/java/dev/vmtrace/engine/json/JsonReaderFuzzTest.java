package dev.vmtrace.engine.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.testing.FuzzChecks;
import java.nio.charset.StandardCharsets;

/**
 * The strict JSON reader under hostile bytes: only a located {@link BadInputException} escapes,
 * and whatever it accepts survives a write/read round trip unchanged. Seeds: slices of the real
 * {@code -dump-vmstate} dumps and vmdesc trailers.
 */
class JsonReaderFuzzTest {
    /** Small caps so the fuzzer reaches them with short inputs. */
    private static final JsonLimits SMALL = new JsonLimits(1 << 16, 16, 256, 64);

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) throws BadInputException {
        JsonValue v;
        try {
            v = JsonReader.parse("fuzz.json", data);
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
            return;
        }
        String once = JsonWriter.compact(v);
        String twice = JsonWriter.compact(JsonReader.parse("again", once.getBytes(StandardCharsets.UTF_8)));
        if (!once.equals(twice)) {
            throw new AssertionError("round trip changed the value: " + once + " -> " + twice);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void parseWithSmallCaps(byte[] data) {
        try {
            JsonReader.parse("fuzz.json", data, 0, data.length, SMALL);
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
        }
    }
}
