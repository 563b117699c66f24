package dev.vmtrace.engine.devices.pflash;

import dev.vmtrace.engine.state.Bytes;
import java.util.Objects;

/**
 * The saved state of one CFI flash, with QEMU's {@code pflash_cfi01} field names: the write
 * cycle, the current command, the status register, the write-to-buffer counter, and, while a
 * buffered write is open ({@code blkOffset != -1}, QEMU's {@code pflash_cfi01_blk_write}
 * subsection), the buffer and its offset. The array contents are guest RAM in QEMU's terms and
 * are not part of this state.
 *
 * @param wcycle the write cycle (0: idle)
 * @param cmd the current command (0 for read array)
 * @param status the status register
 * @param counter the write-to-buffer counter
 * @param blkOffset the open buffered write's offset, or -1
 * @param blkBytes the buffered write's bytes (empty when none is open)
 * @param romd whether the region is in ROM mode (derived, restored with the rest)
 */
public record PflashState(int wcycle, int cmd, int status, long counter, long blkOffset, Bytes blkBytes,
                          boolean romd) {
    /** Validates the byte fields. */
    public PflashState {
        if ((wcycle & ~0xff) != 0 || (cmd & ~0xff) != 0 || (status & ~0xff) != 0) {
            throw new IllegalArgumentException("wcycle, cmd and status are bytes");
        }
        if (blkOffset < -1) {
            throw new IllegalArgumentException("blkOffset must be -1 or an offset, not " + blkOffset);
        }
        Objects.requireNonNull(blkBytes, "blkBytes");
    }
}
