package dev.vmtrace.engine.json;

import dev.vmtrace.engine.input.BadInputException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept as its literal text (already checked against the JSON grammar) so that
 * 64-bit integers survive exactly and the writer reproduces the input.
 */
public record JsonNumber(String source, long offset, String text) implements JsonValue {
    public JsonNumber {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    /** The value as an exact long; fractions, exponents or out-of-range values are bad input. */
    public long longValue(String what) throws BadInputException {
        try {
            return new BigDecimal(text).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw badShape(what + ": " + text + " is not a 64-bit integer");
        }
    }

    /** The value as a double. */
    public double doubleValue() {
        return Double.parseDouble(text);
    }
}
