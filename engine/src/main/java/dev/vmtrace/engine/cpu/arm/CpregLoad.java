package dev.vmtrace.engine.cpu.arm;

/**
 * Loading migrated cpreg arrays into a destination vCPU, with QEMU's rules: the count may not
 * exceed the destination's; ids are merged in ascending order; an incoming id the destination
 * lacks fails the load, unless it is above every local id (the merge stops before reaching it);
 * local registers the source did not send keep their reset values. The values are then applied
 * through the accelerator: TCG needs every value to stick in the CPU state, KVM needs the
 * hypervisor to accept every value.
 */
public final class CpregLoad {
    private CpregLoad() {
    }

    /** The outcome of a load: ok, or the reason and the register that broke it. */
    public record Result(boolean ok, String reason, String register, int ignoredTrailing) {
        static Result success(int ignoredTrailing) {
            return new Result(true, "", "", ignoredTrailing);
        }

        static Result failure(String reason, String register) {
            return new Result(false, reason, register, 0);
        }
    }

    /** Loads {@code incoming} into {@code dest} running under {@code accel}. */
    public static Result load(CpregState incoming, ArmCpu dest, CpuAccel accel) {
        CpRegSet local = dest.registers();
        int n = incoming.length();
        if (n > local.size()) {
            return Result.failure("cpreg_vmstate_array_len: Invalid value " + n
                    + " expecting positive value <= " + local.size(), "");
        }
        long[] values = dest.listValues();
        int i = 0;
        int j = 0;
        while (i < local.size() && j < n) {
            long li = local.get(i).kvmIndex();
            long ij = incoming.index(j);
            if (li < ij) {
                i++;
            } else if (ij < li) {
                return Result.failure("incoming register " + String.format("0x%016x", ij)
                        + " is unknown to the destination", String.format("0x%016x", ij));
            } else {
                values[i] = incoming.value(j);
                i++;
                j++;
            }
        }
        int ignored = n - j;
        dest.loadList(values);
        if (accel == CpuAccel.KVM) {
            if (!dest.writeListToKvm()) {
                return Result.failure("the hypervisor refused a register value (SET_ONE_REG)", firstRefused(dest, values));
            }
            dest.writeListToState();
            return Result.success(ignored);
        }
        if (!dest.writeListToState()) {
            return Result.failure("a register value did not stick in the CPU state", firstNotSticking(dest, values));
        }
        return Result.success(ignored);
    }

    private static String firstRefused(ArmCpu dest, long[] values) {
        for (int i = 0; i < values.length; i++) {
            if (dest.hypervisor().get(i) != values[i]) {
                return dest.registers().get(i).name();
            }
        }
        return "";
    }

    private static String firstNotSticking(ArmCpu dest, long[] values) {
        for (int i = 0; i < values.length; i++) {
            if (dest.stateValue(dest.registers().get(i).name()) != values[i]) {
                return dest.registers().get(i).name();
            }
        }
        return "";
    }
}
