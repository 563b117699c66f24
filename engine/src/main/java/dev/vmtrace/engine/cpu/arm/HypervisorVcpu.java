package dev.vmtrace.engine.cpu.arm;

import java.util.Arrays;

/**
 * The hypervisor's (KVM's) copy of a vCPU's system registers, reached with GET/SET_ONE_REG.
 * SET_ONE_REG refuses to change an invariant register (a constant): the host CPU decides its
 * value, which can differ from the emulator's idea of it.
 */
public final class HypervisorVcpu {
    private final CpRegSet set;
    private final long[] resetValues;
    private final long[] regs;

    /** A vCPU whose reset values are the emulator's, except where {@code hostOverrides} says. */
    public HypervisorVcpu(CpRegSet set, long[] hostResetValues) {
        if (hostResetValues.length != set.size()) {
            throw new IllegalArgumentException("need " + set.size() + " reset values, got " + hostResetValues.length);
        }
        this.set = set;
        this.resetValues = hostResetValues.clone();
        this.regs = hostResetValues.clone();
    }

    /** A vCPU on a host whose constants equal the emulator's. */
    public static HypervisorVcpu matching(CpRegSet set) {
        long[] r = new long[set.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = set.get(i).resetValue();
        }
        return new HypervisorVcpu(set, r);
    }

    /** KVM_ARM_VCPU_INIT: every register to the host's reset value. */
    public void reset() {
        System.arraycopy(resetValues, 0, regs, 0, regs.length);
    }

    /** GET_ONE_REG. */
    public long get(int i) {
        return regs[i];
    }

    /** SET_ONE_REG; false when the hypervisor refuses (an invariant register given another value). */
    public boolean set(int i, long value) {
        if (set.get(i).kind() == CpRegKind.CONSTANT && value != regs[i]) {
            return false;
        }
        regs[i] = value;
        return true;
    }

    /** The guest running and writing a register itself (firmware enabling the MMU, say). */
    public void guestWrite(int i, long value) {
        if (set.get(i).kind() != CpRegKind.CONSTANT) {
            regs[i] = value;
        }
    }

    /** A copy of every register value. */
    public long[] snapshot() {
        return Arrays.copyOf(regs, regs.length);
    }
}
