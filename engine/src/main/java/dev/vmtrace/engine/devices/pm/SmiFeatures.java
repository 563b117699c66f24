package dev.vmtrace.engine.devices.pm;

/**
 * ICH9 SMI feature negotiation (devices.md 4.3), behind the three fw_cfg files
 * {@code etc/smi/supported-features} (8 bytes LE, read-only), {@code etc/smi/requested-features}
 * (8 bytes LE, DMA-writable) and {@code etc/smi/features-ok} (1 byte, with a select callback that
 * validates and locks). The files exist only when {@link #supported()} is non-zero. Reset clears
 * the request, the ok flag and the negotiated set.
 */
public final class SmiFeatures {
    /** Bit 0: broadcast SMI. */
    public static final long BROADCAST = 1L;
    /** Bit 1: CPU hotplug with SMI. */
    public static final long CPU_HOTPLUG = 1L << 1;
    /** Bit 2: CPU hot-unplug with SMI. */
    public static final long CPU_HOTUNPLUG = 1L << 2;
    /** fw_cfg file names. */
    public static final String SUPPORTED_FILE = "etc/smi/supported-features";
    /** Requested features file. */
    public static final String REQUESTED_FILE = "etc/smi/requested-features";
    /** Features-ok file. */
    public static final String OK_FILE = "etc/smi/features-ok";

    private final long supported;
    private final byte[] requested = new byte[8];
    private boolean ok;
    private long negotiated;
    private Runnable changed = () -> { };

    /** Negotiation over the host mask {@code supported}. */
    public SmiFeatures(long supported) {
        if ((supported & CPU_HOTUNPLUG) != 0 && (supported & CPU_HOTPLUG) == 0) {
            // QEMU refuses to realize ICH9-LPC: "cpu hot-unplug requires cpu hot-plug".
            throw new IllegalArgumentException("cpu hot-unplug requires cpu hot-plug");
        }
        this.supported = supported;
    }

    /**
     * Called when reset or restore changes the request or the ok flag behind the guest's back, so
     * the fw_cfg files that show them (QEMU shares the memory) can follow.
     */
    public void setChangeListener(Runnable listener) {
        this.changed = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** The host mask from the three typed properties. */
    public static long mask(boolean broadcast, boolean hotplug, boolean hotunplug) {
        return (broadcast ? BROADCAST : 0) | (hotplug ? CPU_HOTPLUG : 0) | (hotunplug ? CPU_HOTUNPLUG : 0);
    }

    /** The host mask ({@code supported-features} content, as a number). */
    public long supported() {
        return supported;
    }

    /** Whether the fw_cfg files exist. */
    public boolean filesPresent() {
        return supported != 0;
    }

    /** The 8 little-endian bytes of {@code etc/smi/supported-features}. */
    public byte[] supportedBytes() {
        return le(supported);
    }

    /** The live 8-byte buffer behind {@code etc/smi/requested-features} (fw_cfg DMA writes into it). */
    public byte[] requestedBuffer() {
        return requested;
    }

    /** A guest write of {@code bytes} into the requested-features file at {@code offset}. */
    public void requestWrite(int offset, byte[] bytes) {
        for (int i = 0; i < bytes.length && offset + i < 8; i++) {
            if (offset + i >= 0) {
                requested[offset + i] = bytes[i];
            }
        }
    }

    /** The requested value as a number. */
    public long requested() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (requested[i] & 0xffL) << (8 * i);
        }
        return v;
    }

    /** The select callback of {@code etc/smi/features-ok}: validates the request and locks. */
    public void selectFeaturesOk() {
        if (ok) {
            return;
        }
        long req = requested();
        if ((req & ~supported) != 0) {
            return;
        }
        if ((req & (CPU_HOTPLUG | CPU_HOTUNPLUG)) != 0 && (req & BROADCAST) == 0) {
            return;
        }
        if ((req & CPU_HOTUNPLUG) != 0 && (req & CPU_HOTPLUG) == 0) {
            return;
        }
        negotiated = req;
        ok = true;
    }

    /** The live 1-byte content of {@code etc/smi/features-ok}. */
    public byte[] okBuffer() {
        return new byte[] {(byte) (ok ? 1 : 0)};
    }

    /** Whether negotiation completed. */
    public boolean ok() {
        return ok;
    }

    /** The negotiated features ({@code x-smi-negotiated-features}). */
    public long negotiated() {
        return negotiated;
    }

    /** Whether broadcast SMI was negotiated. */
    public boolean broadcast() {
        return (negotiated & BROADCAST) != 0;
    }

    /** Whether the {@code ICH9LPC/smi_feat} subsection is sent: a request was made or ok is set. */
    public boolean needed() {
        return requested() != 0 || ok;
    }

    /** Reset: clears request, ok and negotiated. */
    public void reset() {
        java.util.Arrays.fill(requested, (byte) 0);
        ok = false;
        negotiated = 0;
        changed.run();
    }

    /** The saved state. */
    public SmiFeaturesState state() {
        return new SmiFeaturesState(requested(), ok, negotiated);
    }

    /** Restores a saved state. */
    public void restore(SmiFeaturesState s) {
        byte[] r = le(s.requested());
        System.arraycopy(r, 0, requested, 0, 8);
        ok = s.ok();
        negotiated = s.negotiated();
        changed.run();
    }

    static byte[] le(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
