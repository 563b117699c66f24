package dev.vmtrace.engine.json;

import dev.vmtrace.engine.input.BadInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A JSON object; members keep their input (or insertion) order. Duplicate keys are rejected by the reader. */
public record JsonObject(String source, long offset, Map<String, JsonValue> members) implements JsonValue {
    public JsonObject {
        Objects.requireNonNull(source, "source");
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** A new builder for an object with stable (insertion) member order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The member {@code key}, or null. */
    public JsonValue get(String key) {
        return members.get(key);
    }

    /** True when the object has member {@code key}. */
    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The member {@code key}; a BadInputException at this object when it is missing. */
    public JsonValue require(String key) throws BadInputException {
        JsonValue v = members.get(key);
        if (v == null) {
            throw badShape("missing member \"" + key + "\"");
        }
        return v;
    }

    /** Member {@code key} as a string. */
    public String string(String key) throws BadInputException {
        return require(key).asString("\"" + key + "\"");
    }

    /** Member {@code key} as a long. */
    public long longValue(String key) throws BadInputException {
        return require(key).asLong("\"" + key + "\"");
    }

    /** Member {@code key} as an int in [min, max]. */
    public int intValue(String key, int min, int max) throws BadInputException {
        return require(key).asInt("\"" + key + "\"", min, max);
    }

    /** Member {@code key} as an int in [min, max], or {@code dflt} when absent. */
    public int intValue(String key, int min, int max, int dflt) throws BadInputException {
        JsonValue v = members.get(key);
        return v == null ? dflt : v.asInt("\"" + key + "\"", min, max);
    }

    /** Member {@code key} as an array. */
    public JsonArray array(String key) throws BadInputException {
        return require(key).asArray("\"" + key + "\"");
    }

    /** Member {@code key} as an object. */
    public JsonObject object(String key) throws BadInputException {
        return require(key).asObject("\"" + key + "\"");
    }

    /** Mutable builder; {@link #build()} makes the immutable object. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        /** Adds (or replaces) member {@code key}. */
        public Builder put(String key, JsonValue value) {
            members.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** Adds a string member. */
        public Builder put(String key, String value) {
            return put(key, Json.of(value));
        }

        /** Adds a number member. */
        public Builder put(String key, long value) {
            return put(key, Json.of(value));
        }

        /** Adds a boolean member. */
        public Builder put(String key, boolean value) {
            return put(key, Json.of(value));
        }

        /** The immutable object. */
        public JsonObject build() {
            return new JsonObject(Json.BUILT, -1, members);
        }
    }
}
