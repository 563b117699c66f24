package dev.vmtrace.engine.json;

import java.util.Objects;

/** A JSON string. */
public record JsonString(String source, long offset, String value) implements JsonValue {
    public JsonString {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(value, "value");
    }
}
