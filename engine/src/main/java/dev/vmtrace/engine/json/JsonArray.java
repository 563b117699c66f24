package dev.vmtrace.engine.json;

import java.util.List;
import java.util.Objects;

/** A JSON array. */
public record JsonArray(String source, long offset, List<JsonValue> elements) implements JsonValue {
    public JsonArray {
        Objects.requireNonNull(source, "source");
        elements = List.copyOf(elements);
    }

    /** A built array of {@code elements}. */
    public static JsonArray of(List<? extends JsonValue> elements) {
        return new JsonArray(Json.BUILT, -1, List.copyOf(elements));
    }

    /** Number of elements. */
    public int size() {
        return elements.size();
    }

    /** The element at {@code index}. */
    public JsonValue get(int index) {
        return elements.get(index);
    }
}
