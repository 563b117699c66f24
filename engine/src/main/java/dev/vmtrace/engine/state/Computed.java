package dev.vmtrace.engine.state;

/**
 * A field whose wire value is computed at save time from the other values (QEMU's pre_save), for
 * example a legacy field kept only for older destinations. Devices never store it.
 */
@FunctionalInterface
public interface Computed {
    StateValue compute(FieldValues values);
}
