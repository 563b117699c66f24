package dev.vmtrace.engine.acpi;

import java.util.Objects;

/**
 * One RAM block as QEMU's {@code info ramblock} and the migration stream's block list show it.
 *
 * @param name the block id ({@code pc.ram}, {@code /rom@etc/acpi/tables}...)
 * @param usedLength the used length (host-page aligned for ROM blobs)
 * @param maxLength the max length ("Total"; equal to used for fixed blocks)
 * @param resizable whether migration may resize it up to {@code maxLength}
 */
public record RamBlockInfo(String name, long usedLength, long maxLength, boolean resizable) {
    /** Validates. */
    public RamBlockInfo {
        Objects.requireNonNull(name, "name");
        if (usedLength < 0 || maxLength < usedLength) {
            throw new IllegalArgumentException("RAM block " + name + ": need 0 <= used <= max");
        }
    }
}
