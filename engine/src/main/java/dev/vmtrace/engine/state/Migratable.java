package dev.vmtrace.engine.state;

import dev.vmtrace.engine.input.BadInputException;

/**
 * A device (or other machine part) that has migratable state. The live object and its saved state
 * are separate: {@link #state()} produces an immutable {@link StateNode} for {@link #vmstate()},
 * {@link #restore(StateNode)} validates and applies one, touching no other device.
 */
public interface Migratable {
    /** The section id string QEMU uses ({@code "fw_cfg"}, {@code "0000:00:01.3/piix4_pm"}). */
    String sectionId();

    /** The instance id (0 for most devices; 1 for the second i8259 or dma controller). */
    default int instanceId() {
        return 0;
    }

    /** The schema of this device's state under the current machine type. */
    VmStateDescription vmstate();

    /** The current state, including unsent properties that conditions read. */
    StateNode state();

    /** Applies loaded state; bad values are bad input, and the device is left unchanged. */
    void restore(StateNode state) throws BadInputException;
}
