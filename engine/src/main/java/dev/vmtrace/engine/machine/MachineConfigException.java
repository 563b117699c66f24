package dev.vmtrace.engine.machine;

/** A machine option (machine name, smp, memory, device, global) is malformed or unknown. */
public final class MachineConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error with a message naming the option. */
    public MachineConfigException(String message) {
        super(message);
    }
}
