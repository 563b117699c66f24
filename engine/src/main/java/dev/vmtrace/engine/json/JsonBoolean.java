package dev.vmtrace.engine.json;

import java.util.Objects;

/** JSON {@code true} or {@code false}. */
public record JsonBoolean(String source, long offset, boolean value) implements JsonValue {
    public JsonBoolean {
        Objects.requireNonNull(source, "source");
    }
}
