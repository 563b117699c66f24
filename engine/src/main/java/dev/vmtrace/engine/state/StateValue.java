package dev.vmtrace.engine.state;

import java.util.List;
import java.util.Objects;

/**
 * One value in a state tree: an integer (all integer wire types, timers, and float64 as its raw
 * bits), a boolean, a byte buffer (buffers, padding, opaque QEMU types), an array, or a nested
 * {@link StateNode}.
 */
public sealed interface StateValue permits StateValue.Int, StateValue.Bool, StateValue.Buf, StateValue.Array, StateNode {
    /** An integer value; unsigned 64-bit values are stored in the same bits. */
    record Int(long value) implements StateValue {
    }

    /** A boolean value. */
    record Bool(boolean value) implements StateValue {
    }

    /** A byte buffer. */
    record Buf(Bytes bytes) implements StateValue {
        public Buf {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** The elements of an array field. */
    record Array(List<StateValue> elements) implements StateValue {
        public Array {
            elements = List.copyOf(elements);
        }
    }

    static Int of(long value) {
        return new Int(value);
    }

    static Bool of(boolean value) {
        return new Bool(value);
    }

    static Buf of(Bytes bytes) {
        return new Buf(bytes);
    }
}
