package dev.vmtrace.engine.devices.apm;

/**
 * The chipset hook a write to APMC calls (QEMU's {@code apm_ctrl_changed_t}). ICH9 and PIIX4
 * implement it (SCI_EN toggling, SMI raising); they read the writing vCPU from the device context.
 */
@FunctionalInterface
public interface ApmCallback {
    /** No chipset attached. */
    ApmCallback NONE = value -> { };

    /** Called after APMC was stored with {@code value} (one byte). */
    void controlWritten(int value);
}
