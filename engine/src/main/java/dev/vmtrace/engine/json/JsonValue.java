package dev.vmtrace.engine.json;

import dev.vmtrace.engine.input.BadInputException;

/**
 * A parsed or built JSON value. Parsed values remember the byte offset where they started, so a
 * consumer that finds the wrong shape can report it with {@link #badShape(String)}. Built values
 * have offset {@link BadInputException#NO_OFFSET} and source {@code "<built>"}.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
    /** Name of the input this value was parsed from (a file name), for error messages. */
    String source();

    /** Byte offset of the first byte of this value in its source, or -1 for built values. */
    long offset();

    /** A BadInputException pointing at this value: "expected ..." style messages. */
    default BadInputException badShape(String problem) {
        return BadInputException.atOffset(source(), Math.max(offset(), 0), problem);
    }

    /** This value as an object, or a BadInputException naming {@code what} was expected. */
    default JsonObject asObject(String what) throws BadInputException {
        if (this instanceof JsonObject o) {
            return o;
        }
        throw badShape(what + ": expected a JSON object");
    }

    /** This value as an array, or a BadInputException. */
    default JsonArray asArray(String what) throws BadInputException {
        if (this instanceof JsonArray a) {
            return a;
        }
        throw badShape(what + ": expected a JSON array");
    }

    /** This value as a string, or a BadInputException. */
    default String asString(String what) throws BadInputException {
        if (this instanceof JsonString s) {
            return s.value();
        }
        throw badShape(what + ": expected a JSON string");
    }

    /** This value as an exact 64-bit integer, or a BadInputException. */
    default long asLong(String what) throws BadInputException {
        if (this instanceof JsonNumber n) {
            return n.longValue(what);
        }
        throw badShape(what + ": expected a JSON number");
    }

    /** This value as an int in [min, max], or a BadInputException. */
    default int asInt(String what, int min, int max) throws BadInputException {
        long v = asLong(what);
        if (v < min || v > max) {
            throw badShape(what + ": " + v + " is outside [" + min + ", " + max + "]");
        }
        return (int) v;
    }

    /** This value as a boolean, or a BadInputException. */
    default boolean asBoolean(String what) throws BadInputException {
        if (this instanceof JsonBoolean b) {
            return b.value();
        }
        throw badShape(what + ": expected true or false");
    }
}
