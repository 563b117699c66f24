package dev.vmtrace.engine.devices.pflash;

import dev.vmtrace.engine.state.Bytes;
import dev.vmtrace.engine.state.Condition;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;

/**
 * QEMU 7.2's {@code pflash_cfi01} migration section (one per flash, instance 0 for flash0 and 1 for
 * flash1): {@code wcycle}, {@code cmd}, {@code status}, {@code counter}, and, while a buffered write
 * is open, the {@code pflash_cfi01_blk_write} subsection (the 256-byte buffer and its offset; added
 * in 7.2.9). The array is guest RAM (RAM blocks {@code system.flash0}/{@code system.flash1}) and the
 * ROM/I/O mode is not migrated: a destination starts in ROM mode whatever the source was in.
 */
public final class PflashSchema {
    /** The section id. */
    public static final String SECTION = "pflash_cfi01";
    /** The property the subsection's {@code needed} reads: a buffered write is open. */
    static final String BLK_WRITE_OPEN = "blk_write_open";

    /** "pflash_cfi01_blk_write" v1. */
    public static final VmStateDescription BLK_WRITE = VmStateDescription.builder("pflash_cfi01_blk_write")
            .version(1).minimumVersion(1)
            .buffer("blk_bytes", 1 << CfiQueryTable.WRITE_BUFFER_LOG2)
            .uint32("blk_offset")
            .build();

    /** "pflash_cfi01" v1, minimum 1. */
    public static final VmStateDescription PFLASH = VmStateDescription.builder(SECTION).version(1).minimumVersion(1)
            .uint8("wcycle").uint8("cmd").uint8("status").uint64("counter")
            .subsection(BLK_WRITE, Condition.isTrue(BLK_WRITE_OPEN))
            .build();

    private PflashSchema() {
    }

    /** The section's values for {@code s}. */
    static StateNode node(PflashState s) {
        StateNode.Builder b = StateNode.builder(PFLASH).set("wcycle", s.wcycle()).set("cmd", s.cmd())
                .set("status", s.status()).set("counter", s.counter())
                .property(BLK_WRITE_OPEN, s.blkOffset() != -1);
        if (s.blkOffset() != -1) {
            b.subsection(StateNode.builder(BLK_WRITE).set("blk_bytes", s.blkBytes()).set("blk_offset", s.blkOffset())
                    .build());
        }
        return b.build();
    }

    /**
     * The state a loaded section describes, with ROM mode as {@code romd} (QEMU does not migrate it).
     *
     * @throws IllegalStateException or IllegalArgumentException when a field is missing or out of range
     */
    static PflashState state(StateNode n, boolean romd) {
        StateNode sub = n.subsections().get(BLK_WRITE.name());
        long offset = -1;
        Bytes buffer = Bytes.EMPTY;
        if (sub != null) {
            offset = integer(sub, "blk_offset");
            buffer = sub.getBytes("blk_bytes");
        }
        return new PflashState((int) integer(n, "wcycle"), (int) integer(n, "cmd"), (int) integer(n, "status"),
                integer(n, "counter"), offset, buffer, romd);
    }

    private static long integer(StateNode n, String field) {
        if (n.get(field) instanceof dev.vmtrace.engine.state.StateValue.Int i) {
            return i.value();
        }
        throw new IllegalStateException("pflash_cfi01 field '" + field + "' is not an integer");
    }
}
