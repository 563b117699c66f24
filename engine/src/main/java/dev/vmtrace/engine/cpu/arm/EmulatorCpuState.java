package dev.vmtrace.engine.cpu.arm;

/**
 * The emulator's CPU state struct for the system registers (QEMU's CPUARMState fields). Raw
 * accessors follow each register's kind, so a value written from the list may not stick.
 */
public final class EmulatorCpuState {
    private final CpRegSet set;
    private final long[] fields;

    public EmulatorCpuState(CpRegSet set) {
        this.set = set;
        this.fields = new long[set.size()];
        reset();
    }

    /** Every field to the emulator's reset value. */
    public void reset() {
        for (int i = 0; i < fields.length; i++) {
            fields[i] = set.get(i).resetValue();
        }
    }

    /** Raw read of list position {@code i}: constants always give their value. */
    public long rawRead(int i) {
        CpRegDef d = set.get(i);
        return d.kind() == CpRegKind.CONSTANT ? d.resetValue() : fields[i];
    }

    /** Raw write of list position {@code i}: ignored for constants, masked for read-only bits. */
    public void rawWrite(int i, long value) {
        CpRegDef d = set.get(i);
        switch (d.kind()) {
            case CONSTANT:
                return;
            case PARTLY_READ_ONLY:
                fields[i] = (fields[i] & ~d.writableMask()) | (value & d.writableMask());
                return;
            default:
                fields[i] = value;
        }
    }

    /**
     * A store by emulator code into the field (a debugger setting up a breakpoint exception writes
     * ESR_EL1 this way): not a raw list access, so it changes the field even where a raw write
     * would be refused. Constants have no field to change.
     */
    public void fieldStore(int i, long value) {
        if (set.get(i).kind() != CpRegKind.CONSTANT) {
            fields[i] = value;
        }
    }
}
