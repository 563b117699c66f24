package dev.vmtrace.engine.json;

import java.util.List;

/** Factories for built JSON values (reports, vmdesc trailers, dumps). */
public final class Json {
    /** The source name of values built in memory. */
    static final String BUILT = "<built>";

    private Json() {
    }

    /** A built string. */
    public static JsonString of(String value) {
        return new JsonString(BUILT, -1, value);
    }

    /** A built signed number. */
    public static JsonNumber of(long value) {
        return new JsonNumber(BUILT, -1, Long.toString(value));
    }

    /** An unsigned 64-bit value written as its unsigned decimal. */
    public static JsonNumber ofUnsigned(long value) {
        return new JsonNumber(BUILT, -1, Long.toUnsignedString(value));
    }

    /** A built boolean. */
    public static JsonBoolean of(boolean value) {
        return new JsonBoolean(BUILT, -1, value);
    }

    /** A built {@code null}. */
    public static JsonNull nullValue() {
        return new JsonNull(BUILT, -1);
    }

    /** A built array. */
    public static JsonArray array(List<? extends JsonValue> elements) {
        return JsonArray.of(elements);
    }

    /** An array of strings. */
    public static JsonArray strings(List<String> values) {
        return JsonArray.of(values.stream().map(Json::of).toList());
    }

    /** A builder for an object with members in insertion order. */
    public static JsonObject.Builder object() {
        return JsonObject.builder();
    }
}
