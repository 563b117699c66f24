package dev.vmtrace.engine.devices.apm;

/**
 * The saved state of APM (vmstate "APM State" v1: {@code apmc} u8, {@code apms} u8).
 *
 * @param apmc the control byte
 * @param apms the status byte
 */
public record ApmState(int apmc, int apms) {
    /** Validates the byte ranges. */
    public ApmState {
        if ((apmc & ~0xff) != 0 || (apms & ~0xff) != 0) {
            throw new IllegalArgumentException("APM registers are bytes: apmc=" + apmc + " apms=" + apms);
        }
    }
}
