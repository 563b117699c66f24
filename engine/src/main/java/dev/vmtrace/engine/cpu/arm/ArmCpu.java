package dev.vmtrace.engine.cpu.arm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An ARM vCPU under KVM as the emulator sees it: the hypervisor's registers, the (index, value)
 * list and the emulator's CPU state, with the get, put and reset syncs of a {@link SyncPolicy}.
 * Every step reports what it did to an event sink, so a trace shows where a value was lost.
 */
public final class ArmCpu {
    private final CpRegSet set;
    private final SyncPolicy policy;
    private final HypervisorVcpu kvm;
    private final EmulatorCpuState state;
    private final long[] list;
    private final Consumer<SyncEvent> events;

    public ArmCpu(CpRegSet set, SyncPolicy policy, HypervisorVcpu kvm, Consumer<SyncEvent> events) {
        this.set = set;
        this.policy = policy;
        this.kvm = kvm;
        this.state = new EmulatorCpuState(set);
        this.list = new long[set.size()];
        this.events = events;
        for (int i = 0; i < list.length; i++) {
            list[i] = kvm.get(i);
        }
    }

    public CpRegSet registers() {
        return set;
    }

    public SyncPolicy policy() {
        return policy;
    }

    public HypervisorVcpu hypervisor() {
        return kvm;
    }

    /** kvm_arch_get_registers: hypervisor to list, then list to state (failures only reported). */
    public void get() {
        for (int i = 0; i < list.length; i++) {
            long before = list[i];
            list[i] = kvm.get(i);
            if (before != list[i]) {
                events.accept(new SyncEvent(SyncEvent.Op.GET, name(i), before, list[i], true, "list updated from KVM"));
            }
        }
        writeListToState();
    }

    /** kvm_arch_put_registers: (policy) state back into the list, then list to the hypervisor. */
    public boolean put() {
        if (policy.writeBackOnPut()) {
            writeStateToListForKvm();
        }
        return writeListToKvm();
    }

    /** write_list_to_kvmstate: every list value to the hypervisor; false if one was refused. */
    boolean writeListToKvm() {
        boolean ok = true;
        for (int i = 0; i < list.length; i++) {
            long before = kvm.get(i);
            if (!kvm.set(i, list[i])) {
                ok = false;
                events.accept(new SyncEvent(SyncEvent.Op.KVM_SET_REFUSED, name(i), before, list[i], false,
                        "SET_ONE_REG refused: invariant register"));
            } else if (before != list[i]) {
                events.accept(new SyncEvent(SyncEvent.Op.PUT, name(i), before, list[i], true, "KVM register written"));
            }
        }
        return ok;
    }

    /** kvm_arm_reset_vcpu: the hypervisor resets, the list takes its values; (policy) the state too. */
    public void reset() {
        kvm.reset();
        for (int i = 0; i < list.length; i++) {
            long before = list[i];
            list[i] = kvm.get(i);
            if (before != list[i]) {
                events.accept(new SyncEvent(SyncEvent.Op.RESET, name(i), before, list[i], true, "list reset from KVM"));
            }
        }
        if (policy.resetRefreshesState()) {
            writeListToState();
        }
    }

    /** Emulator code (a debugger) storing into a CPU state field, by register name. */
    public void debuggerWrite(String register, long value) {
        int i = require(register);
        long before = state.rawRead(i);
        state.fieldStore(i, value);
        events.accept(new SyncEvent(SyncEvent.Op.DEBUGGER_WRITE, register, before, state.rawRead(i), true,
                "emulator-side write to the CPU state"));
    }

    /** The guest itself writing a register while it runs in the hypervisor. */
    public void guestWrite(String register, long value) {
        int i = require(register);
        long before = kvm.get(i);
        kvm.guestWrite(i, value);
        events.accept(new SyncEvent(SyncEvent.Op.GUEST_WRITE, register, before, kvm.get(i), true, "guest wrote the register"));
    }

    /** The value the emulator's CPU state holds for {@code register}. */
    public long stateValue(String register) {
        return state.rawRead(require(register));
    }

    /** The value the hypervisor holds for {@code register}. */
    public long kvmValue(String register) {
        return kvm.get(require(register));
    }

    /** The list value for {@code register}. */
    public long listValue(String register) {
        return list[require(register)];
    }

    /** A copy of the list values, parallel to {@link CpRegSet#indexes()}. */
    public long[] listValues() {
        return Arrays.copyOf(list, list.length);
    }

    /** Replaces the list values (migration load), then applies them per {@code accel}. */
    void loadList(long[] values) {
        System.arraycopy(values, 0, list, 0, list.length);
    }

    /**
     * write_list_to_cpustate: every value raw-written into the state and read back; a value that
     * does not stick is reported. Returns whether all stuck.
     */
    boolean writeListToState() {
        boolean ok = true;
        for (int i = 0; i < list.length; i++) {
            state.rawWrite(i, list[i]);
            long back = state.rawRead(i);
            if (back != list[i]) {
                ok = false;
                events.accept(new SyncEvent(SyncEvent.Op.LIST_TO_STATE_MISMATCH, name(i), list[i], back, false,
                        "raw write did not stick"));
            }
        }
        return ok;
    }

    /**
     * write_cpustate_to_list with kvm_sync: copy a changed state value into the list only when the
     * list value itself could have been written into the state (its raw write sticks); otherwise
     * keep the list value, so constants and read-only bits never flow back to the hypervisor.
     */
    private void writeStateToListForKvm() {
        for (int i = 0; i < list.length; i++) {
            long newVal = state.rawRead(i);
            long oldVal = list[i];
            if (newVal == oldVal) {
                continue;
            }
            state.rawWrite(i, oldVal);
            if (state.rawRead(i) != oldVal) {
                continue;
            }
            state.rawWrite(i, newVal);
            list[i] = newVal;
        }
    }

    /** Names of registers whose values differ between two value arrays of this set. */
    public List<String> differingRegisters(long[] a, long[] b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (a[i] != b[i]) {
                out.add(name(i));
            }
        }
        return out;
    }

    private String name(int i) {
        return set.get(i).name();
    }

    private int require(String register) {
        int i = set.positionOf(register);
        if (i < 0) {
            throw new IllegalArgumentException("no register " + register + " in this CPU model");
        }
        return i;
    }
}
