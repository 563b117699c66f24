package dev.vmtrace.engine.devices.fwcfg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One fw_cfg item: a numbered item (signature, RAM size...) or a named file. The bytes belong to
 * the fw_cfg device; the device that added the item keeps this handle to read what the guest wrote
 * and to change the contents (as QEMU devices keep a pointer into the data they passed in).
 *
 * <p>Files get their key from the device's directory: on machine types with sorted files (2.6 and
 * later) adding a file can shift the keys of files sorted after it, so ask {@link #key()} when you
 * need it rather than caching it.
 */
public final class FwCfgItem {
    private final String name;
    private final boolean readOnly;
    private final FwCfgSelectCallback onSelect;
    private final FwCfgWriteCallback onWrite;
    private final List<FwCfgResizeListener> resizeListeners = new ArrayList<>();
    private byte[] data;
    private int key;

    FwCfgItem(String name, int key, byte[] data, boolean readOnly, FwCfgSelectCallback onSelect,
              FwCfgWriteCallback onWrite) {
        this.name = name;
        this.key = key;
        this.data = data.clone();
        this.readOnly = readOnly;
        this.onSelect = Objects.requireNonNull(onSelect, "onSelect");
        this.onWrite = Objects.requireNonNull(onWrite, "onWrite");
    }

    /** The file name, or null for a numbered item. */
    public String name() {
        return name;
    }

    /** The selector key (files: 0x20 + directory index, which can change while files are added). */
    public int key() {
        return key;
    }

    void setKey(int k) {
        this.key = k;
    }

    /** The current length in bytes. */
    public int size() {
        return data.length;
    }

    /** Whether DMA writes are refused (QEMU's {@code allow_write == false}). */
    public boolean readOnly() {
        return readOnly;
    }

    /** The byte at {@code offset} (unsigned). */
    public int get(int offset) {
        return data[offset] & 0xff;
    }

    /** Stores the low byte of {@code value} at {@code offset} (device side; no callback runs). */
    public void put(int offset, int value) {
        data[offset] = (byte) value;
    }

    /** The little-endian u64 at {@code offset}. */
    public long getLongLE(int offset) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (data[offset + i] & 0xffL);
        }
        return v;
    }

    /** Stores {@code value} as a little-endian u64 at {@code offset}. */
    public void putLongLE(int offset, long value) {
        for (int i = 0; i < 8; i++) {
            data[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** A copy of the contents. */
    public byte[] bytes() {
        return data.clone();
    }

    /**
     * Replaces the contents (which may change the length: QEMU's {@code fw_cfg_modify_file} and the
     * ACPI blob rebuild). Resize listeners hear about a length change; the file directory reports
     * the new size from then on. A read in progress continues at its offset in the new bytes.
     */
    public void replace(byte[] newData) {
        int old = data.length;
        data = newData.clone();
        if (old != data.length) {
            for (FwCfgResizeListener l : List.copyOf(resizeListeners)) {
                l.resized(this, old, data.length);
            }
        }
    }

    /** Adds a listener for length changes. */
    public void addResizeListener(FwCfgResizeListener l) {
        resizeListeners.add(Objects.requireNonNull(l, "listener"));
    }

    FwCfgSelectCallback onSelect() {
        return onSelect;
    }

    FwCfgWriteCallback onWrite() {
        return onWrite;
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst} (no bounds forgiveness). */
    void copyOut(int offset, byte[] dst, int dstOffset, int length) {
        System.arraycopy(data, offset, dst, dstOffset, length);
    }

    /** Stores guest bytes (DMA write path). */
    void copyIn(int offset, byte[] src, int srcOffset, int length) {
        System.arraycopy(src, srcOffset, data, offset, length);
    }

    @Override
    public String toString() {
        return (name != null ? name : String.format("item 0x%04x", key)) + " (" + data.length + " bytes"
                + (readOnly ? ", read-only" : ", writable") + ")";
    }
}
