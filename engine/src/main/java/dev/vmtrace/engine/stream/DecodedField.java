package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.state.StateValue;
import java.util.Objects;

/**
 * One field element of a device section, decoded through the vmdesc.
 *
 * @param name the field name as the vmdesc gives it
 * @param type the QEMU type name ({@code "uint32"}, {@code "struct"}, {@code "pci config"})
 * @param index the array index, or -1 for a scalar
 * @param size bytes on the wire
 * @param offset stream offset of the first byte
 * @param value an Int for integer types, a Buf for everything else that is not nested; null when nested
 * @param nested the decoded nested description for {@code struct} and {@code tmp}; null otherwise
 */
public record DecodedField(String name, String type, int index, int size, long offset, StateValue value,
        DecodedState nested) {
    public DecodedField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if ((value == null) == (nested == null)) {
            throw new IllegalArgumentException(name + ": exactly one of value and nested");
        }
    }
}
