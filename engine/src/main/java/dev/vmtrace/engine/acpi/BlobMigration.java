package dev.vmtrace.engine.acpi;

import java.util.ArrayList;
import java.util.List;

/**
 * What a destination does with the source's ACPI blob RAM blocks (formats.md 4, QEMU 7.2's
 * verbatim errors): a block the destination lacks fails the load ({@code Unknown ramblock}); a
 * different used length is resized when the destination's block is resizable and the length fits
 * its max ({@code Size too large} otherwise), and fails on a fixed block ({@code Size mismatch}).
 *
 * @param ramBlock the block id
 * @param outcome what happens
 * @param sourceUsed the used length the source sends (0 when the source has no such block)
 * @param destinationUsed the destination's used length (0 when it has none)
 * @param destinationMax the destination's max length
 * @param message QEMU's message for a failure, or a sentence for the others
 */
public record BlobMigration(String ramBlock, Outcome outcome, long sourceUsed, long destinationUsed,
                            long destinationMax, String message) {
    /** The outcomes. */
    public enum Outcome {
        /** Same used length. */
        SAME,
        /** Resized on the destination within its max. */
        RESIZED,
        /** Longer than the destination's max: the load fails. */
        TOO_LARGE,
        /** Different length on a fixed block: the load fails. */
        MISMATCH_FIXED,
        /** The destination has no such block: the load fails. */
        UNKNOWN_ON_DESTINATION,
        /** Only the destination has the block: ignored. */
        ONLY_ON_DESTINATION
    }

    /** True when this block makes the load fail. */
    public boolean fails() {
        return outcome == Outcome.TOO_LARGE || outcome == Outcome.MISMATCH_FIXED
                || outcome == Outcome.UNKNOWN_ON_DESTINATION;
    }

    /** The outcome for every ACPI blob RAM block of {@code src} and {@code dst}. */
    public static List<BlobMigration> check(AcpiBlobSizes src, AcpiBlobSizes dst) {
        List<BlobMigration> out = new ArrayList<>();
        for (AcpiBlobSizes.BlobSize s : src.blobs()) {
            AcpiBlobSizes.BlobSize d = dst.blob(s.file());
            boolean srcBlock = s.ramBlock() != null;
            boolean dstBlock = d != null && d.ramBlock() != null;
            if (!srcBlock && !dstBlock) {
                continue;
            }
            String id = srcBlock ? s.ramBlock() : d.ramBlock();
            if (!dstBlock) {
                out.add(new BlobMigration(id, Outcome.UNKNOWN_ON_DESTINATION, s.usedLength(), 0, 0,
                        "Unknown ramblock \"" + id + "\", cannot accept migration"));
            } else if (!srcBlock) {
                out.add(new BlobMigration(id, Outcome.ONLY_ON_DESTINATION, 0, d.usedLength(), d.maxLength(),
                        "only the destination has " + id + " (" + dst.rule().name() + "): ignored"));
            } else if (s.usedLength() == d.usedLength()) {
                out.add(new BlobMigration(id, Outcome.SAME, s.usedLength(), d.usedLength(), d.maxLength(),
                        String.format("0x%x on both sides (%s -> %s)", s.usedLength(), src.rule().name(), dst.rule().name())));
            } else if (!dst.rule().resizable()) {
                out.add(new BlobMigration(id, Outcome.MISMATCH_FIXED, s.usedLength(), d.usedLength(), d.maxLength(),
                        String.format("Size mismatch: %s: 0x%x != 0x%x: Invalid argument", id, s.usedLength(), d.usedLength())));
            } else if (s.usedLength() > d.maxLength()) {
                out.add(new BlobMigration(id, Outcome.TOO_LARGE, s.usedLength(), d.usedLength(), d.maxLength(),
                        String.format("Size too large: %s: 0x%x > 0x%x: Invalid argument", id, s.usedLength(), d.maxLength())));
            } else {
                out.add(new BlobMigration(id, Outcome.RESIZED, s.usedLength(), d.usedLength(), d.maxLength(),
                        String.format("resized 0x%x -> 0x%x within max 0x%x (%s -> %s)", d.usedLength(), s.usedLength(),
                                d.maxLength(), src.rule().name(), dst.rule().name())));
            }
        }
        return out;
    }
}
