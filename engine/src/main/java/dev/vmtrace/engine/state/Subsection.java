package dev.vmtrace.engine.state;

import java.util.Objects;

/**
 * A subsection: a description sent after its parent's fields only when {@code needed} holds for
 * the parent's values. A destination that does not know a subsection it receives fails the load.
 */
public record Subsection(VmStateDescription description, Condition needed) {
    public Subsection {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(needed, "needed");
    }
}
