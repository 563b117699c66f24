package dev.vmtrace.engine.stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonLimits;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.testing.FuzzChecks;
import java.util.Arrays;

/**
 * The vmdesc decoder on its own: a hostile device description (JSON) applied to hostile section
 * bytes. Input layout: {@code be16 n}, {@code n} bytes of section body, then the JSON of one
 * vmdesc device entry. Seeds are every device section of the real QEMU 7.2 streams with its entry.
 */
class VmdescFuzzTest {

    /** The caps {@link MigrationStreamReader} applies to a vmdesc trailer. */
    private static final JsonLimits LIMITS = new JsonLimits(StreamFormat.MAX_VMDESC_BYTES, 64, 1 << 16, 1_000_000);

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int n = Math.min(((data[0] & 0xff) << 8) | (data[1] & 0xff), data.length - 2);
        byte[] body = Arrays.copyOfRange(data, 2, 2 + n);
        JsonValue desc;
        try {
            desc = JsonReader.parse("vmdesc", data, 2 + n, data.length, LIMITS);
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
            return;
        }
        try {
            VmdescDecoder.decode(desc.asObject("vmdesc device"), new WireInput("body", body), 0, new VmdescDecoder.Budget());
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
        }
    }
}
