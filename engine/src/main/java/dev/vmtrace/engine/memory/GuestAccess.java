package dev.vmtrace.engine.memory;

import java.util.Objects;

/**
 * One guest-level access: what the CPU (or qtest) asked for.
 *
 * @param space I/O or memory
 * @param address the port or physical address
 * @param size 1, 2, 4 or 8 bytes
 * @param direction read or write
 * @param value for writes the value written; for reads the value the guest got
 * @param vcpu the vCPU index, or -1 when no vCPU is current (qtest, DMA), as in QEMU traces
 */
public record GuestAccess(Space space, long address, int size, Direction direction, long value, int vcpu) {
    /** Validates the size and masks the value to it. */
    public GuestAccess {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(direction, "direction");
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("size must be 1, 2, 4 or 8, not " + size);
        }
        value &= Dispatcher.mask(size);
    }

    /** A port read (value 0 until answered). */
    public static GuestAccess in(long port, int size, int vcpu) {
        return new GuestAccess(Space.IO, port, size, Direction.READ, 0, vcpu);
    }

    /** A port write. */
    public static GuestAccess out(long port, int size, long value, int vcpu) {
        return new GuestAccess(Space.IO, port, size, Direction.WRITE, value, vcpu);
    }

    /** The same access with the value the guest saw. */
    public GuestAccess withValue(long v) {
        return new GuestAccess(space, address, size, direction, v, vcpu);
    }
}
