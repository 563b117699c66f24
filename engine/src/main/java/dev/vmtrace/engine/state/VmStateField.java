package dev.vmtrace.engine.state;

import java.util.Objects;

/**
 * One field of a {@link VmStateDescription}, as QEMU's VMStateField: a name, a wire type, an
 * element size, an array length, the version that introduced it and an optional
 * {@code field_exists} condition, a nested description for structs, and an optional save-time
 * computation.
 *
 * @param name field name, as QEMU names it (matched by name in compat checks)
 * @param type wire type
 * @param typeName the QEMU info name written to the vmdesc (usually {@code type.qemuName()})
 * @param size bytes per element; for structs -1 (the nested description decides)
 * @param length scalar, fixed array or variable array
 * @param versionId the field is present when the loaded version is at least this (unless {@code exists})
 * @param exists QEMU's {@code field_exists}, or null; when set it replaces the version test
 * @param struct the nested description for {@link WireType#STRUCT} and {@link WireType#TMP}
 * @param computed computes the value at save time, or null
 */
public record VmStateField(String name, WireType type, String typeName, int size, ArrayLength length,
        int versionId, Condition exists, VmStateDescription struct, Computed computed) {

    public VmStateField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(length, "length");
        if (type.isNested() != (struct != null)) {
            throw new IllegalArgumentException(name + ": struct description required exactly for struct/tmp fields");
        }
        if (type.isNested()) {
            size = -1;
        } else if (type.fixedSize() > 0) {
            if (size != type.fixedSize()) {
                throw new IllegalArgumentException(name + ": " + type.qemuName() + " has size " + type.fixedSize());
            }
        } else if (size < 0) {
            throw new IllegalArgumentException(name + ": " + type.qemuName() + " needs a size");
        }
        if (versionId < 0) {
            throw new IllegalArgumentException(name + ": negative field version");
        }
    }

    /** A scalar field of a fixed-size type. */
    public static VmStateField of(String name, WireType type) {
        return new VmStateField(name, type, type.qemuName(), type.fixedSize(), ArrayLength.SCALAR, 0, null, null, null);
    }

    /** True when this field is sent for a save or load at {@code version} with {@code values}. */
    public boolean present(FieldValues values, int version) {
        return exists != null ? exists.test(values, version) : versionId <= version;
    }

    /** This field, present from version {@code v} on. */
    public VmStateField since(int v) {
        return new VmStateField(name, type, typeName, size, length, v, exists, struct, computed);
    }

    /** This field, present when {@code condition} holds. */
    public VmStateField when(Condition condition) {
        return new VmStateField(name, type, typeName, size, length, versionId, condition, struct, computed);
    }

    /** This field, with its value computed at save time. */
    public VmStateField computedBy(Computed c) {
        return new VmStateField(name, type, typeName, size, length, versionId, exists, struct, c);
    }

    /** This field as an array. */
    public VmStateField withLength(ArrayLength l) {
        return new VmStateField(name, type, typeName, size, l, versionId, exists, struct, computed);
    }

    /** This field, with a different QEMU info name in the vmdesc. */
    public VmStateField withTypeName(String qemuTypeName) {
        return new VmStateField(name, type, qemuTypeName, size, length, versionId, exists, struct, computed);
    }
}
