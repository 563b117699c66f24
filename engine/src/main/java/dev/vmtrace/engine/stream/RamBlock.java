package dev.vmtrace.engine.stream;

import java.util.Objects;

/**
 * A RAM block as the RAM section's MEM_SIZE list names it.
 *
 * @param id the block id ({@code pc.ram}, {@code /rom@etc/acpi/tables}, {@code 0000:00:02.0/e1000.rom})
 * @param usedLength the used length in bytes the source sent
 */
public record RamBlock(String id, long usedLength) {
    public RamBlock {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > 255) {
            throw new IllegalArgumentException("RAM block id must be 1..255 bytes");
        }
        if (usedLength < 0) {
            throw new IllegalArgumentException("negative used length");
        }
    }
}
