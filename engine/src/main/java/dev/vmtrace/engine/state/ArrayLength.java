package dev.vmtrace.engine.state;

/**
 * How many elements a field has. A scalar is {@link #SCALAR}. A fixed array has a count in the
 * schema; a variable array takes its count from a value by name: an earlier field of the same
 * description (sent on the wire), or a device property that is not sent, such as the possible-CPU
 * count of the CPU hotplug state, so both sides must agree on it.
 */
public sealed interface ArrayLength permits ArrayLength.Fixed, ArrayLength.FromValue {
    /** Not an array: one element, no index in the vmdesc. */
    Fixed SCALAR = new Fixed(1, false);

    /** A fixed-length array of {@code count} elements. */
    static Fixed fixed(int count) {
        return new Fixed(count, true);
    }

    /** A variable-length array whose count is the value named {@code name}. */
    static FromValue from(String name) {
        return new FromValue(name);
    }

    /** True when the field is an array (even of one element). */
    boolean isArray();

    /** Fixed count. */
    record Fixed(int count, boolean isArray) implements ArrayLength {
        public Fixed {
            if (count < 0) {
                throw new IllegalArgumentException("negative array count " + count);
            }
            if (!isArray && count != 1) {
                throw new IllegalArgumentException("a scalar has one element");
            }
        }
    }

    /** Count taken from the value (field or property) named {@code name}. */
    record FromValue(String name) implements ArrayLength {
        public FromValue {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("array count needs a value name");
            }
        }

        @Override
        public boolean isArray() {
            return true;
        }
    }
}
