package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Everything read from a QEMU migration stream.
 *
 * @param source the file name
 * @param size stream size in bytes
 * @param machineType the CONFIGURATION section's machine name, or null (machine types up to 2.2 send none)
 * @param sections the sections in stream order, RAM included
 * @param ramBlocks the RAM blocks of the MEM_SIZE list, in order
 * @param pageSize the target page size (vmdesc {@code page_size}, else 4096)
 * @param pages RAM pages sent with contents
 * @param zeroPages RAM pages sent as fill bytes
 * @param vmdesc the vmdesc trailer, or null when the stream has none
 * @param vmdescOffset offset of the vmdesc trailer's 0x06 byte, or -1
 */
public record MigrationStream(String source, long size, String machineType, List<StreamSection> sections,
        List<RamBlock> ramBlocks, int pageSize, long pages, long zeroPages, JsonObject vmdesc, long vmdescOffset) {
    public MigrationStream {
        Objects.requireNonNull(source, "source");
        sections = List.copyOf(sections);
        ramBlocks = List.copyOf(ramBlocks);
    }

    /** The first section with this id string and instance, or null. */
    public StreamSection section(String idstr, int instanceId) {
        for (StreamSection s : sections) {
            if (s.idstr().equals(idstr) && s.instanceId() == instanceId) {
                return s;
            }
        }
        return null;
    }

    /** The RAM block named {@code id}, or null. */
    public RamBlock ramBlock(String id) {
        for (RamBlock b : ramBlocks) {
            if (b.id().equals(id)) {
                return b;
            }
        }
        return null;
    }

    /** True when the stream carries a vmdesc trailer. */
    public boolean hasVmdesc() {
        return vmdesc != null;
    }
}
