package dev.vmtrace.engine.memory;

/**
 * A region's optional guest-validity callback (QEMU's {@code valid.accepts}): it sees the offset
 * inside the region, the access size in bytes and the direction, and may refuse the access.
 * Refused accesses are logged with reason {@code rejected}.
 */
@FunctionalInterface
public interface AcceptsPredicate {
    boolean accepts(long offset, int size, boolean write);
}
