package dev.vmtrace.engine.state;

/**
 * Read access to the values a {@link Condition} or a computed field may look at: the fields of the
 * current description first, then the device's properties (configuration that is not sent).
 */
public interface FieldValues {
    /** The value named {@code name}, or null when there is none. */
    StateValue find(String name);

    /** The integer value {@code name}; fails fast (a schema bug) when absent or not an integer. */
    default long getLong(String name) {
        StateValue v = find(name);
        if (v instanceof StateValue.Int i) {
            return i.value();
        }
        if (v instanceof StateValue.Bool b) {
            return b.value() ? 1 : 0;
        }
        throw new IllegalStateException("no integer value named " + name);
    }

    /** The boolean value {@code name} (an integer counts as true when non-zero). */
    default boolean getBool(String name) {
        StateValue v = find(name);
        if (v instanceof StateValue.Bool b) {
            return b.value();
        }
        if (v instanceof StateValue.Int i) {
            return i.value() != 0;
        }
        throw new IllegalStateException("no boolean value named " + name);
    }
}
