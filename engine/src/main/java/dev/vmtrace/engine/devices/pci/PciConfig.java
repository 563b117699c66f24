package dev.vmtrace.engine.devices.pci;

import java.util.Arrays;
import java.util.Objects;

/**
 * The 256-byte configuration space of one PCI function, with QEMU's per-byte write mask and
 * write-1-to-clear mask: a write stores {@code (old & ~wmask) | (val & wmask)} and then clears
 * the {@code w1cmask} bits written as 1. Device-specific registers (0x40..0xff) are writable by
 * default, as QEMU's {@code pci_init_wmask} makes them; the header gets QEMU's standard masks.
 * A listener sees every write after it is stored (PMBASE moves, locks).
 */
public final class PciConfig {
    /** Config space size of a conventional PCI function. */
    public static final int SIZE = 256;

    /** Called after a config write of {@code size} bytes at {@code offset}. */
    @FunctionalInterface
    public interface WriteListener {
        void written(int offset, int size);
    }

    private final byte[] resetImage;
    private final byte[] config = new byte[SIZE];
    private final byte[] wmask = new byte[SIZE];
    private final byte[] w1cmask = new byte[SIZE];
    private final byte[] resetWmask;
    private WriteListener listener = (o, s) -> { };

    /** A function whose power-on config is {@code resetImage} (256 bytes). */
    public PciConfig(byte[] resetImage) {
        if (resetImage.length != SIZE) {
            throw new IllegalArgumentException("config image must have 256 bytes, not " + resetImage.length);
        }
        this.resetImage = resetImage.clone();
        // Header: command (I/O, memory, master, SERR, INTx disable), cache line, interrupt line.
        wmask[0x04] = 0x07;
        wmask[0x05] = 0x05;
        wmask[0x0c] = (byte) 0xff;
        wmask[0x3c] = (byte) 0xff;
        Arrays.fill(wmask, 0x40, SIZE, (byte) 0xff);
        // Status error bits are write-1-to-clear.
        w1cmask[0x07] = (byte) 0xf9;
        this.resetWmask = wmask.clone();
        reset();
    }

    /** Builds an image from little-endian DWORDs (as {@code inl 0xcfc} shows them), offset 0 first. */
    public static byte[] image(long... dwords) {
        byte[] b = new byte[SIZE];
        for (int i = 0; i < dwords.length && i < SIZE / 4; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (dwords[i] >>> (8 * k));
            }
        }
        return b;
    }

    /** Sets the listener told about writes. */
    public void setListener(WriteListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
    }

    /**
     * Declares the write mask of {@code count} bytes at {@code offset} as {@code mask} (LE): the
     * current mask and the one {@link #reset} restores (QEMU sets these masks at realize, so they
     * survive a reset; only run-time locks such as {@link #clearWmaskBits} are undone by it).
     */
    public void setWmask(int offset, int count, long mask) {
        for (int k = 0; k < count; k++) {
            wmask[offset + k] = (byte) (mask >>> (8 * k));
            resetWmask[offset + k] = wmask[offset + k];
        }
    }

    /** Sets the current write mask of the byte at {@code offset} (a run-time change a reset undoes). */
    public void setCurrentWmask(int offset, int mask) {
        wmask[offset] = (byte) mask;
    }

    /** The current write mask of the byte at {@code offset}. */
    public int wmask(int offset) {
        return wmask[offset] & 0xff;
    }

    /** Clears write-mask bits of the byte at {@code offset} (a lock that makes bits sticky). */
    public void clearWmaskBits(int offset, int bits) {
        wmask[offset] &= (byte) ~bits;
    }

    /** Power-on config and masks. */
    public void reset() {
        System.arraycopy(resetImage, 0, config, 0, SIZE);
        System.arraycopy(resetWmask, 0, wmask, 0, SIZE);
    }

    /** Little-endian read of {@code size} bytes (cut at the end of the space). */
    public long read(int offset, int size) {
        long v = 0;
        for (int k = 0; k < size && offset + k < SIZE; k++) {
            v |= (config[offset + k] & 0xffL) << (8 * k);
        }
        return v;
    }

    /** A guest write through the masks, then the listener. */
    public void write(int offset, long value, int size) {
        int n = Math.min(size, SIZE - offset);
        for (int k = 0; k < n; k++) {
            int i = offset + k;
            byte val = (byte) (value >>> (8 * k));
            config[i] = (byte) ((config[i] & ~wmask[i]) | (val & wmask[i]));
            config[i] &= (byte) ~(val & w1cmask[i]);
        }
        listener.written(offset, n);
    }

    /** Sets bytes directly (device-internal updates, restore). */
    public void set(int offset, long value, int size) {
        for (int k = 0; k < size; k++) {
            config[offset + k] = (byte) (value >>> (8 * k));
        }
    }

    /** A copy of the current 256 bytes. */
    public byte[] bytes() {
        return config.clone();
    }

    /** Replaces the 256 bytes (migration); the caller re-applies side effects. */
    public void load(byte[] image) {
        if (image.length != SIZE) {
            throw new IllegalArgumentException("config image must have 256 bytes");
        }
        System.arraycopy(image, 0, config, 0, SIZE);
    }

    /** Whether the write of {@code size} bytes at {@code offset} touched {@code [reg, reg+len)}. */
    public static boolean overlaps(int offset, int size, int reg, int len) {
        return offset < reg + len && reg < offset + size;
    }
}
