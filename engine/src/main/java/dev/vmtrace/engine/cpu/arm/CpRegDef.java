package dev.vmtrace.engine.cpu.arm;

import java.util.Objects;

/**
 * One AArch64 system register as the emulator knows it: its KVM-style 64-bit id (the index used
 * in the cpreg list and the migration stream), its name, how raw writes behave, the emulator's
 * reset value and, for partly read-only registers, the writable bits.
 */
public record CpRegDef(long kvmIndex, String name, CpRegKind kind, long resetValue, long writableMask) {
    /** KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG: the fixed top bits of a sysreg id. */
    public static final long SYSREG_ID_BASE = 0x6000000000000000L | 0x0030000000000000L | (0x0013L << 16);

    public CpRegDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** The KVM id of the system register (op0, op1, CRn, CRm, op2). */
    public static long sysregId(int op0, int op1, int crn, int crm, int op2) {
        if (op0 < 0 || op0 > 3 || op1 < 0 || op1 > 7 || crn < 0 || crn > 15 || crm < 0 || crm > 15 || op2 < 0 || op2 > 7) {
            throw new IllegalArgumentException("sysreg encoding out of range: " + op0 + "," + op1 + "," + crn + "," + crm + "," + op2);
        }
        return SYSREG_ID_BASE | ((long) op0 << 14) | ((long) op1 << 11) | ((long) crn << 7) | ((long) crm << 3) | op2;
    }

    /** A register that a raw write fully controls. */
    public static CpRegDef normal(String name, int op0, int op1, int crn, int crm, int op2, long reset) {
        return new CpRegDef(sysregId(op0, op1, crn, crm, op2), name, CpRegKind.NORMAL, reset, -1L);
    }

    /** A constant register with the emulator's value. */
    public static CpRegDef constant(String name, int op0, int op1, int crn, int crm, int op2, long value) {
        return new CpRegDef(sysregId(op0, op1, crn, crm, op2), name, CpRegKind.CONSTANT, value, 0L);
    }

    /** A register whose bits outside {@code writable} keep their value on a raw write. */
    public static CpRegDef partlyReadOnly(String name, int op0, int op1, int crn, int crm, int op2, long reset, long writable) {
        return new CpRegDef(sysregId(op0, op1, crn, crm, op2), name, CpRegKind.PARTLY_READ_ONLY, reset, writable);
    }

    /** The id printed as QEMU and KVM print it. */
    public String hexIndex() {
        return String.format("0x%016x", kvmIndex);
    }
}
