package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.memory.Region;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * QEMU's fw_cfg device (x86 I/O flavour; devices.md 5.1): numbered items, the file directory,
 * the selector/data port pair and the DMA interface.
 *
 * <h2>Adding files (for other device packages)</h2>
 * Find the device while building with {@code b.device(FwCfgDevice.class)} (its part has order
 * {@link FwCfgPart#ORDER}, so any part with a larger order sees it) and add your files:
 *
 * <pre>{@code
 * FwCfgDevice fw = b.device(FwCfgDevice.class);
 * FwCfgItem supported = fw.addFile("etc/smi/supported-features", le64(mask));            // read-only
 * FwCfgItem requested = fw.addFile("etc/smi/requested-features", new byte[8], false,     // DMA-writable
 *         FwCfgSelectCallback.NONE, FwCfgWriteCallback.NONE);
 * FwCfgItem ok = fw.addFile("etc/smi/features-ok", new byte[1], true,
 *         item -> validateAndLock(requested.getLongLE(0), item), FwCfgWriteCallback.NONE);
 * }</pre>
 *
 * The select callback runs on every select of the item (port or DMA), after the data offset was
 * reset. The write callback runs after an accepted DMA write. Reset of your device may rewrite
 * the bytes with {@link FwCfgItem#put}. Adding a file twice fails fast, as in QEMU.
 */
public final class FwCfgDevice implements Device {
    private final FwCfgConfig config;
    private final int maxEntry;
    private final FwCfgItem[][] entries;
    private final List<FwCfgItem> files = new ArrayList<>();
    private final List<Integer> fileOrder = new ArrayList<>();
    private final Region ioRegion;
    private final Region dmaRegion;
    private DmaMemory memory = NO_MEMORY;
    private final FwCfgMigration migration = new FwCfgMigration(this);
    private int curEntry = FwCfgKeys.INVALID;
    private int curOffset;
    private long dmaAddress;

    private static final DmaMemory NO_MEMORY = new DmaMemory() {
        @Override
        public boolean read(long address, byte[] dst, int offset, int length) {
            return false;
        }

        @Override
        public boolean write(long address, byte[] src, int offset, int length) {
            return false;
        }
    };

    /** A device with the common items: signature, ID and the (empty) file directory. */
    public FwCfgDevice(FwCfgConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.maxEntry = FwCfgKeys.FILE_FIRST + config.fileSlots();
        this.entries = new FwCfgItem[2][maxEntry];
        addBytes(FwCfgKeys.SIGNATURE, "QEMU".getBytes(StandardCharsets.US_ASCII));
        addBytes(FwCfgKeys.ID, le32(config.dmaEnabled() ? 3 : 1));
        // The directory item has room for every slot (4 + 64 * slots bytes), zero after the used
        // entries; its bytes are produced on read from the file list.
        entries[0][FwCfgKeys.FILE_DIR] = new FwCfgItem(null, FwCfgKeys.FILE_DIR,
                new byte[4 + FwCfgKeys.DIR_ENTRY_SIZE * config.fileSlots()], true, item -> { }, FwCfgWriteCallback.NONE);
        this.ioRegion = Region.device(FwCfgRegisters.IO, new FwCfgIoHandler(this));
        this.dmaRegion = Region.device(FwCfgRegisters.DMA, new FwCfgDmaHandler(this));
    }

    @Override
    public String name() {
        return "fw_cfg_io";
    }

    /** The properties in force. */
    public FwCfgConfig config() {
        return config;
    }

    /** The {@code fwcfg} region (map at {@link FwCfgRegisters#IO_BASE}). */
    public Region ioRegion() {
        return ioRegion;
    }

    /** The {@code fwcfg.dma} region (map at {@link FwCfgRegisters#DMA_BASE} when DMA is enabled). */
    public Region dmaRegion() {
        return dmaRegion;
    }

    /**
     * QEMU's "fw_cfg" migration section of this device ({@link FwCfgSchema}; with the ACPI
     * part's {@code fw_cfg/acpi_mr}). Not in the machine's device list: stream writers that want
     * QEMU's section take it from here.
     */
    public FwCfgMigration migration() {
        return migration;
    }

    /** Sets the guest memory DMA transfers use. */
    public void setDmaMemory(DmaMemory m) {
        this.memory = Objects.requireNonNull(m, "memory");
    }

    /** Reset: selects key 0 (QEMU's fw_cfg reset). Item contents are untouched. */
    @Override
    public void reset() {
        select(FwCfgKeys.SIGNATURE);
    }

    // ---- adding items ----------------------------------------------------------------------

    /** Adds a read-only numbered item (key may carry {@link FwCfgKeys#ARCH_LOCAL}). */
    public FwCfgItem addBytes(int key, byte[] data) {
        int index = key & FwCfgKeys.ENTRY_MASK;
        if (index >= maxEntry || index >= FwCfgKeys.FILE_FIRST && (key & FwCfgKeys.ARCH_LOCAL) == 0) {
            throw new IllegalArgumentException(String.format("fw_cfg key 0x%x is not a numbered item", key));
        }
        FwCfgItem item = new FwCfgItem(null, key, data, true, FwCfgSelectCallback.NONE, FwCfgWriteCallback.NONE);
        entries[arch(key)][index] = item;
        return item;
    }

    /** Adds a read-only file without callbacks. */
    public FwCfgItem addFile(String name, byte[] data) {
        return addFile(name, data, true, FwCfgSelectCallback.NONE, FwCfgWriteCallback.NONE);
    }

    /**
     * Adds a file (QEMU's {@code fw_cfg_add_file_callback}).
     *
     * @param name the file name, at most 55 characters
     * @param data the initial contents (copied)
     * @param readOnly false lets DMA writes store into the file
     * @param onSelect runs on every select of the file
     * @param onWrite runs after every accepted DMA write
     * @throws IllegalArgumentException on a duplicate or too long name
     * @throws IllegalStateException when every file slot is used
     */
    public FwCfgItem addFile(String name, byte[] data, boolean readOnly, FwCfgSelectCallback onSelect,
                             FwCfgWriteCallback onWrite) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.getBytes(StandardCharsets.US_ASCII).length >= FwCfgKeys.NAME_SIZE) {
            throw new IllegalArgumentException("fw_cfg file name must be 1..55 characters: " + name);
        }
        if (file(name) != null) {
            throw new IllegalArgumentException("duplicate fw_cfg file name: " + name);
        }
        if (files.size() >= config.fileSlots()) {
            throw new IllegalStateException("fw_cfg: no file slot left for " + name + " (" + config.fileSlots() + " slots)");
        }
        int order = LegacyFileOrder.of(name);
        int index = files.size();
        if (config.legacyOrder()) {
            while (index > 0 && order < fileOrder.get(index - 1)) {
                index--;
            }
        } else {
            while (index > 0 && compareNames(name, files.get(index - 1).name()) < 0) {
                index--;
            }
        }
        FwCfgItem item = new FwCfgItem(name, FwCfgKeys.FILE_FIRST + index, data, readOnly, onSelect, onWrite);
        files.add(index, item);
        fileOrder.add(index, order);
        for (int i = 0; i < files.size(); i++) {
            files.get(i).setKey(FwCfgKeys.FILE_FIRST + i);
            entries[0][FwCfgKeys.FILE_FIRST + i] = files.get(i);
        }
        item.addResizeListener((it, oldLength, newLength) -> refreshDirectory());
        refreshDirectory();
        return item;
    }

    private void refreshDirectory() {
        entries[0][FwCfgKeys.FILE_DIR].replace(directoryBytes());
    }

    /** strcmp on the ASCII bytes. */
    private static int compareNames(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.US_ASCII);
        byte[] y = b.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }

    /** The file called {@code name}, or null. */
    public FwCfgItem file(String name) {
        for (FwCfgItem f : files) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The files in directory order. */
    public List<FwCfgItem> files() {
        return List.copyOf(files);
    }

    /** The item a key selects (bit 14 ignored), or null. */
    public FwCfgItem item(int key) {
        int index = key & FwCfgKeys.ENTRY_MASK;
        if (key == FwCfgKeys.INVALID || index >= maxEntry) {
            return null;
        }
        return entries[arch(key)][index];
    }

    /** The directory as the guest reads it: BE count, then 64-byte BE entries, zero-padded to every slot. */
    public byte[] directoryBytes() {
        byte[] out = new byte[4 + FwCfgKeys.DIR_ENTRY_SIZE * config.fileSlots()];
        putBe(out, 0, files.size(), 4);
        for (int i = 0; i < files.size(); i++) {
            FwCfgItem f = files.get(i);
            int at = 4 + FwCfgKeys.DIR_ENTRY_SIZE * i;
            putBe(out, at, f.size(), 4);
            putBe(out, at + 4, f.key(), 2);
            byte[] n = f.name().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(n, 0, out, at + 8, n.length);
        }
        return out;
    }

    // ---- guest interface -------------------------------------------------------------------

    /** Selects {@code key}: offset 0, then the item's select callback (invalid keys select nothing). */
    public void select(int key) {
        key &= 0xffff;
        curOffset = 0;
        if ((key & FwCfgKeys.ENTRY_MASK) >= maxEntry) {
            curEntry = FwCfgKeys.INVALID;
            return;
        }
        curEntry = key;
        FwCfgItem e = item(key);
        if (e != null) {
            e.onSelect().selected(e);
        }
    }

    /** The next data byte (0 with no item or past the end). */
    public int readByte() {
        FwCfgItem e = item(curEntry);
        if (e == null || curOffset >= e.size()) {
            return 0;
        }
        return e.get(curOffset++);
    }

    /** Stores half of the DMA address or the whole, and runs the transfer when the low half arrives. */
    void dmaWrite(long offset, long value, int size) {
        if (size == 4 && offset == 0) {
            dmaAddress = (value & 0xffffffffL) << 32;
        } else if (size == 4 && offset == 4) {
            dmaAddress |= value & 0xffffffffL;
            FwCfgDma.transfer(this);
        } else if (size == 8 && offset == 0) {
            dmaAddress = value;
            FwCfgDma.transfer(this);
        }
    }

    DmaMemory memory() {
        return memory;
    }

    /**
     * What a firmware's DMA write of {@code data} at {@code offset} of the item {@code key} does
     * (select, skip {@code offset} bytes, write), run through the real DMA path on a private
     * scratch memory: the way the firmware loader performs WRITE_POINTER. Returns false when
     * fw_cfg set the error bit (read-only item, write past the end, no item).
     */
    public boolean dmaWrite(int key, int offset, byte[] data) {
        ScratchDmaMemory scratch = new ScratchDmaMemory(0x100 + data.length);
        System.arraycopy(data, 0, scratch.bytes, 0x100, data.length);
        DmaMemory saved = memory;
        memory = scratch;
        try {
            scratch.descriptor(((long) key << 16) | FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_SKIP, offset, 0x100);
            dmaAddress = 0;
            FwCfgDma.transfer(this);
            if (scratch.control() != 0) {
                return false;
            }
            scratch.descriptor(FwCfgKeys.DMA_WRITE, data.length, 0x100);
            FwCfgDma.transfer(this);
            return scratch.control() == 0;
        } finally {
            memory = saved;
        }
    }

    long takeDmaAddress() {
        long a = dmaAddress;
        dmaAddress = 0;
        return a;
    }

    int curEntry() {
        return curEntry;
    }

    int curOffset() {
        return curOffset;
    }

    void advance(int n) {
        curOffset += n;
    }

    // ---- state -----------------------------------------------------------------------------

    /** The migrated state (vmstate "fw_cfg"; the ACPI sizes are filled in by the ACPI part). */
    public FwCfgState state() {
        return new FwCfgState(curEntry, curOffset, config.dmaEnabled(), dmaAddress);
    }

    /** Restores a saved state (touches no other device). */
    public void restore(FwCfgState s) {
        curEntry = s.curEntry();
        curOffset = (int) s.curOffset();
        dmaAddress = s.dmaAddress();
    }

    private static int arch(int key) {
        return (key & FwCfgKeys.ARCH_LOCAL) != 0 ? 1 : 0;
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static void putBe(byte[] b, int at, long v, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (v >>> (8 * (width - 1 - i)));
        }
    }
}
