package dev.vmtrace.engine.state;

/**
 * A predicate QEMU evaluates while saving or loading: a field's {@code field_exists} test or a
 * subsection's {@code needed} test. It sees the values of the description so far (and the device's
 * properties, which are not sent) and the version being saved or loaded.
 */
@FunctionalInterface
public interface Condition {
    /** Always true. */
    Condition ALWAYS = (values, versionId) -> true;

    boolean test(FieldValues values, int versionId);

    /** True when the boolean value (field or property) {@code name} is true. */
    static Condition isTrue(String name) {
        return (values, versionId) -> values.getBool(name);
    }

    /** True when the integer value (field or property) {@code name} is not zero. */
    static Condition nonZero(String name) {
        return (values, versionId) -> values.getLong(name) != 0;
    }

    /** Logical not of this condition. */
    default Condition negate() {
        return (values, versionId) -> !test(values, versionId);
    }

    /** Logical and. */
    default Condition and(Condition other) {
        return (values, versionId) -> test(values, versionId) && other.test(values, versionId);
    }
}
