package dev.vmtrace.engine.state;

/**
 * Validation after a description's values were loaded (QEMU's post_load checks). Returns null when
 * the values are acceptable, else the reason, which the codec reports as bad input.
 */
@FunctionalInterface
public interface LoadCheck {
    /** Accepts everything. */
    LoadCheck NONE = loaded -> null;

    String check(StateNode loaded);
}
