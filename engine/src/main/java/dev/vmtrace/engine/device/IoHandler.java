package dev.vmtrace.engine.device;

/**
 * What a device implements for one of its regions. The handler sees offsets inside its own
 * window, never absolute addresses, and only sizes its region's implemented rules allow: the bus
 * has already checked validity, split wide accesses and widened narrow ones (devices.md 1.3).
 */
public interface IoHandler {
    /**
     * Reads {@code size} bytes at {@code offset}. The result may carry more bits than
     * {@code size}; the bus masks it (traces show the unmasked value, as QEMU's do).
     */
    long read(long offset, int size);

    /** Writes the low {@code size} bytes of {@code value} at {@code offset}. */
    void write(long offset, long value, int size);
}
