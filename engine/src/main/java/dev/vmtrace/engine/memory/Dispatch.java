package dev.vmtrace.engine.memory;

import java.util.Objects;

/**
 * One device-level dispatch of a guest access, as the recorder writes it and the replayer
 * compares it.
 *
 * @param region the region name (QEMU's {@code name '...'})
 * @param instance the region instance (QEMU's {@code mr} pointer; differs after a replace)
 * @param address the absolute address (port) of the piece
 * @param offset the offset inside the region
 * @param size the piece size
 * @param value reads: raw handler value; writes: value handed to the handler
 * @param kind delivered, split part, widened, dropped, unassigned or unmodeled
 * @param reason for dropped pieces QEMU's guest_errors reason, otherwise null
 */
public record Dispatch(String region, long instance, long address, long offset, int size, long value,
                       DispatchKind kind, String reason) {
    /** Validates the non-null fields. */
    public Dispatch {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
        String s = String.format("%s %s@0x%x+0x%x/%d=0x%x", kind, region, address, offset, size, value);
        return reason == null ? s : s + " (" + reason + ")";
    }
}
