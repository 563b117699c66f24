package dev.vmtrace.engine.device;

/**
 * A device model: owns one or more regions (mapped by its machine part) and its state. Reset is
 * the machine's system reset.
 */
public interface Device {
    /** The device name as QEMU's QOM type spells it (e.g. {@code apm}, {@code ICH9-LPC}). */
    String name();

    /** Puts the device in its power-on state. */
    void reset();
}
