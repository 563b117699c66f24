package dev.vmtrace.engine.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A declarative state schema, as QEMU's VMStateDescription: name, version, minimum version that
 * can still be loaded, fields in wire order, subsections, and a validation run after loading.
 * Immutable. Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * static final VmStateDescription FW_CFG = VmStateDescription.builder("fw_cfg")
 *         .version(2).minimumVersion(1)
 *         .uint16("cur_entry")
 *         .uint16("cur_offset").when((v, ver) -> ver < 2)      // the v1 layout
 *         .uint32("cur_offset_v2").since(2)
 *         .subsection(ACPI_MR, Condition.isTrue("acpi_mr_restore"))
 *         .build();
 * }</pre>
 *
 * @param name the description name ({@code vmsd_name})
 * @param versionId the version this side saves
 * @param minimumVersionId the oldest version this side loads
 * @param fields fields in wire order; a name may repeat only for alternatives that never are sent
 *        together (QEMU's fw_cfg {@code cur_offset}) and for {@code unused} padding; the vmdesc then
 *        names them {@code name[k]} as QEMU does
 * @param subsections subsections in the order they are sent
 * @param postLoad validation after load
 */
public record VmStateDescription(String name, int versionId, int minimumVersionId, List<VmStateField> fields,
        List<Subsection> subsections, LoadCheck postLoad) {

    public VmStateDescription {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("description name must be 1..255 characters: " + name);
        }
        if (versionId < 0 || minimumVersionId < 0 || minimumVersionId > versionId) {
            throw new IllegalArgumentException(name + ": need 0 <= minimum version <= version, got "
                    + minimumVersionId + " and " + versionId);
        }
        fields = List.copyOf(fields);
        subsections = List.copyOf(subsections);
        Objects.requireNonNull(postLoad, "postLoad");
        Set<String> subs = new HashSet<>();
        for (Subsection s : subsections) {
            if (!subs.add(s.description().name())) {
                throw new IllegalArgumentException(name + ": duplicate subsection " + s.description().name());
            }
        }
    }

    /** Starts a description named {@code name} (version 0, minimum 0). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The field named {@code fieldName}, or null. */
    public VmStateField field(String fieldName) {
        for (VmStateField f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }

    /** The subsection whose description is named {@code subName}, or null. */
    public Subsection subsection(String subName) {
        for (Subsection s : subsections) {
            if (s.description().name().equals(subName)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Fluent builder. Field methods append a field; {@link #since}, {@link #when},
     * {@link #computed} and {@link #typeName} modify the field appended last.
     */
    public static final class Builder {
        private final String name;
        private int version;
        private int minimumVersion;
        private final List<VmStateField> fields = new ArrayList<>();
        private final List<Subsection> subsections = new ArrayList<>();
        private LoadCheck postLoad = LoadCheck.NONE;
        private int unusedCount;

        Builder(String name) {
            this.name = name;
        }

        /** The version this side saves (QEMU's version_id). */
        public Builder version(int v) {
            this.version = v;
            return this;
        }

        /** The oldest version this side loads (QEMU's minimum_version_id). */
        public Builder minimumVersion(int v) {
            this.minimumVersion = v;
            return this;
        }

        /** Appends a fully specified field. */
        public Builder field(VmStateField f) {
            fields.add(f);
            return this;
        }

        /** Appends a scalar {@code bool} field named {@code n}. */
        public Builder bool(String n) {
            return field(VmStateField.of(n, WireType.BOOL));
        }

        /** Appends a scalar {@code int8} field named {@code n}. */
        public Builder int8(String n) {
            return field(VmStateField.of(n, WireType.INT8));
        }

        /** Appends a scalar {@code int16} field named {@code n}. */
        public Builder int16(String n) {
            return field(VmStateField.of(n, WireType.INT16));
        }

        /** Appends a scalar {@code int32} field named {@code n}. */
        public Builder int32(String n) {
            return field(VmStateField.of(n, WireType.INT32));
        }

        /** Appends a scalar {@code int64} field named {@code n}. */
        public Builder int64(String n) {
            return field(VmStateField.of(n, WireType.INT64));
        }

        /** Appends a scalar {@code uint8} field named {@code n}. */
        public Builder uint8(String n) {
            return field(VmStateField.of(n, WireType.UINT8));
        }

        /** Appends a scalar {@code uint16} field named {@code n}. */
        public Builder uint16(String n) {
            return field(VmStateField.of(n, WireType.UINT16));
        }

        /** Appends a scalar {@code uint32} field named {@code n}. */
        public Builder uint32(String n) {
            return field(VmStateField.of(n, WireType.UINT32));
        }

        /** Appends a scalar {@code uint64} field named {@code n}. */
        public Builder uint64(String n) {
            return field(VmStateField.of(n, WireType.UINT64));
        }

        /** An int32 the destination requires to equal its own value. */
        public Builder int32Equal(String n) {
            return field(VmStateField.of(n, WireType.INT32_EQUAL));
        }

        /** An int32 the destination requires to be at most its own value. */
        public Builder int32Le(String n) {
            return field(VmStateField.of(n, WireType.INT32_LE));
        }

        /** A timer's expiry (int64 ns, -1 when not armed). */
        public Builder timer(String n) {
            return field(VmStateField.of(n, WireType.TIMER));
        }

        /** A byte buffer of {@code size} bytes. */
        public Builder buffer(String n, int size) {
            return field(new VmStateField(n, WireType.BUFFER, WireType.BUFFER.qemuName(), size,
                    ArrayLength.SCALAR, 0, null, null, null));
        }

        /** {@code size} bytes of padding, named {@code "unused"} as QEMU names it. */
        public Builder unused(int size) {
            unusedCount++;
            return field(new VmStateField("unused", WireType.UNUSED_BUFFER, WireType.UNUSED_BUFFER.qemuName(),
                    size, ArrayLength.SCALAR, 0, null, null, null));
        }

        /** An array of a fixed-size scalar type. */
        public Builder array(String n, WireType type, ArrayLength length) {
            return field(VmStateField.of(n, type).withLength(length));
        }

        /** A nested description. */
        public Builder struct(String n, VmStateDescription nested) {
            return field(new VmStateField(n, WireType.STRUCT, WireType.STRUCT.qemuName(), -1,
                    ArrayLength.SCALAR, 0, null, nested, null));
        }

        /** An array of nested descriptions. */
        public Builder structArray(String n, VmStateDescription nested, ArrayLength length) {
            return field(new VmStateField(n, WireType.STRUCT, WireType.STRUCT.qemuName(), -1,
                    length, 0, null, nested, null));
        }

        /** The last field is present from version {@code v} on. */
        public Builder since(int v) {
            return replaceLast(last().since(v));
        }

        /** The last field is present when {@code c} holds (QEMU's field_exists). */
        public Builder when(Condition c) {
            return replaceLast(last().when(c));
        }

        /** The last field's value is computed at save time. */
        public Builder computed(Computed c) {
            return replaceLast(last().computedBy(c));
        }

        /** The last field carries another QEMU info name in the vmdesc. */
        public Builder typeName(String qemuTypeName) {
            return replaceLast(last().withTypeName(qemuTypeName));
        }

        /** Appends a subsection sent when {@code needed} holds for this description's values. */
        public Builder subsection(VmStateDescription sub, Condition needed) {
            subsections.add(new Subsection(sub, needed));
            return this;
        }

        /** Validation after load. */
        public Builder postLoad(LoadCheck check) {
            this.postLoad = check;
            return this;
        }

        /** The immutable description. */
        public VmStateDescription build() {
            return new VmStateDescription(name, version, minimumVersion, fields, subsections, postLoad);
        }

        private VmStateField last() {
            if (fields.isEmpty()) {
                throw new IllegalStateException(name + ": no field to modify");
            }
            return fields.get(fields.size() - 1);
        }

        private Builder replaceLast(VmStateField f) {
            fields.set(fields.size() - 1, f);
            return this;
        }
    }
}
