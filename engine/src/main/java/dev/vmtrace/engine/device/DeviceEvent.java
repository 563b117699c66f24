package dev.vmtrace.engine.device;

import java.util.Objects;

/**
 * Something a device did that is not a register value: an SMI or GPE raised, a reset requested,
 * a QMP-style event. The recorder writes these; the replayer compares them.
 *
 * @param device the device name (e.g. {@code ich9-lpc})
 * @param kind the event kind, one of the constants here or a device's own
 * @param value an event argument (GPE bit, APM command byte...)
 * @param vcpu the target vCPU, or -1 for all / none
 */
public record DeviceEvent(String device, String kind, long value, int vcpu) {
    /** An SMI was raised ({@code vcpu} -1: broadcast). */
    public static final String SMI = "smi";
    /** A GPE status bit was set ({@code value} is the bit mask). */
    public static final String GPE = "gpe";
    /** The SCI line level changed ({@code value} 0 or 1). */
    public static final String SCI = "sci";
    /** The device asked for a system reset. */
    public static final String RESET = "reset";

    /** Validates the fields. */
    public DeviceEvent {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
    }
}
