package dev.vmtrace.trace;

/**
 * What an importer read and wrote.
 *
 * @param lines input lines read
 * @param accessLines lines that were device-level accesses (QEMU log) or access commands (qtest)
 * @param otherEvents other events kept (opaque QEMU trace events, clock steps, ...)
 * @param guestAccesses guest-level accesses written
 * @param inferred guest accesses reconstructed from split pieces
 * @param regions region instances defined
 * @param truncatedLastLine the input ended in the middle of a line, which was dropped
 * @param events events written in total
 */
public record ImportSummary(long lines, long accessLines, long otherEvents, long guestAccesses, long inferred,
                            int regions, boolean truncatedLastLine, long events) {
}
