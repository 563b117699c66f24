package dev.vmtrace.engine.state;

import java.util.HashMap;
import java.util.Map;

/**
 * The wire types of QEMU's VMState fields, by the name QEMU writes into the vmdesc trailer and
 * {@code -dump-vmstate}. All integers are big-endian on the wire. {@link #OPAQUE} stands for any
 * other QEMU info type (for example {@code "pci config"}); it is carried as {@code size} raw bytes.
 */
public enum WireType {
    BOOL("bool", 1, false),
    INT8("int8", 1, true),
    INT16("int16", 2, true),
    INT32("int32", 4, true),
    INT64("int64", 8, true),
    UINT8("uint8", 1, false),
    UINT16("uint16", 2, false),
    UINT32("uint32", 4, false),
    UINT64("uint64", 8, false),
    /** An int32 that must equal the destination's value (load fails otherwise). */
    INT32_EQUAL("int32 equal", 4, true),
    /** An int32 that must be less than or equal to the destination's value. */
    INT32_LE("int32 le", 4, true),
    UINT8_EQUAL("uint8 equal", 1, false),
    UINT16_EQUAL("uint16 equal", 2, false),
    UINT32_EQUAL("uint32 equal", 4, false),
    UINT64_EQUAL("uint64 equal", 8, false),
    FLOAT64("float64", 8, false),
    /** A QEMU timer: its expiry time as int64 nanoseconds (-1 when not armed). */
    TIMER("timer", 8, true),
    /** A byte buffer of fixed size. */
    BUFFER("buffer", -1, false),
    /** Padding: {@code size} bytes sent as zeros and ignored on load. */
    UNUSED_BUFFER("unused_buffer", -1, false),
    /** A nested description, sent inline. */
    STRUCT("struct", -1, false),
    /** A temporary nested description (QEMU's VMSTATE_WITH_TMP), sent inline. */
    TMP("tmp", -1, false),
    /** Any other QEMU info type: raw bytes of the field's size. */
    OPAQUE("opaque", -1, false);

    private static final Map<String, WireType> BY_NAME = new HashMap<>();

    static {
        for (WireType t : values()) {
            if (t != OPAQUE) {
                BY_NAME.put(t.qemuName, t);
            }
        }
    }

    private final String qemuName;
    private final int fixedSize;
    private final boolean signed;

    WireType(String qemuName, int fixedSize, boolean signed) {
        this.qemuName = qemuName;
        this.fixedSize = fixedSize;
        this.signed = signed;
    }

    /** The type name QEMU uses in the vmdesc ({@code "int32 equal"}, {@code "unused_buffer"}). */
    public String qemuName() {
        return qemuName;
    }

    /** Bytes per element for scalar types, or -1 when the field's size decides. */
    public int fixedSize() {
        return fixedSize;
    }

    /** True for signed integer types (values are sign-extended when read). */
    public boolean signed() {
        return signed;
    }

    /** True for types whose value is an integer (including bool and timer). */
    public boolean isInteger() {
        return fixedSize > 0 && this != FLOAT64;
    }

    /** True for nested descriptions. */
    public boolean isNested() {
        return this == STRUCT || this == TMP;
    }

    /** The type QEMU calls {@code name}, or {@link #OPAQUE} for names vmtrace does not interpret. */
    public static WireType byQemuName(String name) {
        return BY_NAME.getOrDefault(name, OPAQUE);
    }
}
