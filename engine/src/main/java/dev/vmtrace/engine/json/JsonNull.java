package dev.vmtrace.engine.json;

import java.util.Objects;

/** JSON {@code null}. */
public record JsonNull(String source, long offset) implements JsonValue {
    public JsonNull {
        Objects.requireNonNull(source, "source");
    }
}
