package dev.vmtrace.engine.stream;

import java.util.Objects;

/**
 * One section of a stream (START or FULL header; a START section's PART and END pieces are folded
 * into it).
 *
 * @param sectionId the numeric section id
 * @param idstr the section id string ({@code "ram"}, {@code "0000:00:01.3/piix4_pm"})
 * @param instanceId instance id
 * @param versionId the version the source sent
 * @param type {@link StreamFormat#SECTION_FULL} or {@link StreamFormat#SECTION_START}
 * @param offset stream offset of the section header
 * @param length bytes of the body (for START sections, of all pieces)
 * @param footer true when QEMU's section footer followed the body
 * @param state the fields decoded through the vmdesc, or null when the stream has no vmdesc entry
 *        for this section (or it is the RAM section)
 */
public record StreamSection(int sectionId, String idstr, int instanceId, int versionId, int type, long offset,
        long length, boolean footer, DecodedState state) {
    public StreamSection {
        Objects.requireNonNull(idstr, "idstr");
    }

    /** True for the RAM section. */
    public boolean isRam() {
        return StreamFormat.RAM_SECTION.equals(idstr);
    }

    /** {@code idstr} and, when not 0, the instance id: {@code "dma 1"}. */
    public String key() {
        return instanceId == 0 ? idstr : idstr + " " + instanceId;
    }
}
