package dev.vmtrace.engine.memory;

/**
 * Receives the device-level dispatches a guest access becomes, in order, without allocating:
 * the recorder writes them, the replayer compares them, tests collect them.
 */
@FunctionalInterface
public interface AccessSink {
    /** A sink that ignores everything (the fastest path). */
    AccessSink DISCARD = (region, address, offset, size, value, kind, reason) -> { };

    /**
     * One dispatch.
     *
     * @param region the region (its name and instance identify it)
     * @param address the absolute address (the port, for I/O) of this piece
     * @param offset the offset inside the region
     * @param size the piece size in bytes
     * @param value for reads the raw handler result (unmasked), for writes the value handed over;
     *     0 for dropped reads
     * @param kind what became of the piece
     * @param reason for {@link DispatchKind#DROPPED}, QEMU's guest_errors reason; otherwise null
     */
    void dispatch(Region region, long address, long offset, int size, long value, DispatchKind kind, String reason);
}
