package dev.vmtrace.trace;

import java.util.Objects;

/**
 * An access as the guest made it: {@code size} bytes ({@code 1..8}) at {@code address} in
 * {@code space}. For reads, {@code value} is what the guest saw. The device-level dispatches it
 * became follow it in the trace as {@link Dispatch} events with {@code accessSeq == seq}.
 *
 * @param vcpu vCPU index, or -1 for accesses not made by a vCPU (qtest, DMA)
 * @param inferred true when an importer reconstructed this access from device-level pieces
 */
public record GuestAccess(long seq, long time, int vcpu, Space space, Direction direction, long address,
                          int size, long value, boolean inferred) implements TraceEvent {
    public GuestAccess {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(direction, "direction");
        if (size < 1 || size > 8) {
            throw new IllegalArgumentException("access size must be 1..8: " + size);
        }
    }

    @Override
    public EventType type() {
        return EventType.GUEST_ACCESS;
    }
}
