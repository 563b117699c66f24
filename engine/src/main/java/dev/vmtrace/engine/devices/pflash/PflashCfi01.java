package dev.vmtrace.engine.devices.pflash;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.SparseBytes;
import dev.vmtrace.engine.state.Bytes;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.Objects;

/**
 * QEMU 7.2's CFI parallel flash with the Intel command set ({@code cfi.pflash01}) as a PC
 * configures it ({@code hw/i386/pc_sysfw.c}): bank width 1, no device width (QEMU's
 * "old behaviour" answers for ID and CFI queries), 4 KiB erase blocks, identification codes 0,
 * little-endian. The region is a ROM device: in read-array mode the guest reads the array
 * directly (QEMU logs nothing); the first command write switches it to I/O mode, where reads go
 * through {@link #read}, until a command returns it to read-array mode.
 *
 * <p>With {@code secure} set (QEMU's {@code secure} property, OVMF's SMM builds use it), the
 * engine's accesses, which carry no SMM attribute (like qtest's), are non-secure: QEMU then
 * refuses writes before the command logic runs and answers reads from the array.
 */
public final class PflashCfi01 implements Device, Migratable {
    /** Erase block size on PCs. */
    public static final int SECTOR = 4096;
    /** QEMU's default access rules for ops without declarations: aligned, 1..8 bytes, impl 1..4. */
    public static final AccessRules RULES = AccessRules.DEFAULT;

    private static final int STATUS_READY = 0x80;
    private static final int STATUS_ERASE_ERROR = 0x20;
    private static final int STATUS_PROGRAM_ERROR = 0x10;
    private static final int WRITE_BUFFER = 1 << CfiQueryTable.WRITE_BUFFER_LOG2;

    private final String name;
    private final int unit;
    private final SparseBytes array;
    private final boolean readOnly;
    private final boolean secure;
    private final CfiQueryTable cfi;
    private final int[] ident = new int[4];
    private final Region region;
    private final byte[] buffer = new byte[WRITE_BUFFER];

    private int wcycle;
    private int cmd;
    private int status = STATUS_READY;
    private long counter;
    private long blkOffset = -1;

    /**
     * Flash {@code unit} (0 or 1: its migration instance) named {@code name} ({@code system.flash0})
     * over {@code contents}, whose length must be a non-zero multiple of {@link #SECTOR}.
     *
     * @throws IllegalArgumentException when the size is not a positive multiple of 4 KiB
     */
    public PflashCfi01(String name, int unit, byte[] contents, boolean readOnly, boolean secure) {
        this.name = Objects.requireNonNull(name, "name");
        this.unit = unit;
        if (contents.length == 0 || contents.length % SECTOR != 0) {
            throw new IllegalArgumentException("flash '" + name + "' size must be a non-zero multiple of 0x1000, not "
                    + contents.length);
        }
        this.array = new SparseBytes(contents.length);
        for (int i = 0; i < contents.length; i++) {
            if (contents[i] != 0) {
                array.put(i, contents[i]);
            }
        }
        this.readOnly = readOnly;
        this.secure = secure;
        this.cfi = new CfiQueryTable(contents.length / SECTOR, SECTOR);
        this.region = Region.romDevice(name, array, RULES, Endianness.LITTLE, new Handler());
    }

    @Override
    public String name() {
        return name;
    }

    /** The ROM-device region (mapped by the machine part). */
    public Region region() {
        return region;
    }

    /** The array size in bytes. */
    public long size() {
        return array.size();
    }

    /** Whether program and erase are refused (QEMU: the drive is read-only). */
    public boolean readOnly() {
        return readOnly;
    }

    /** The array byte at {@code offset} (unsigned). */
    public int arrayByte(long offset) {
        return array.get(offset);
    }

    @Override
    public void reset() {
        cmd = 0;
        wcycle = 0;
        region.setRomd(true);
        status = STATUS_READY;
        blkOffset = -1;
    }

    /** The saved state as a value (its QEMU section form is {@link #state()}). */
    public PflashState snapshot() {
        return new PflashState(wcycle, cmd, status, counter, blkOffset,
                blkOffset == -1 ? Bytes.EMPTY : Bytes.of(buffer), region.romd());
    }

    /**
     * Restores a saved state.
     *
     * @throws IllegalArgumentException when the open buffered write does not fit this flash
     */
    public void restore(PflashState s) {
        if (s.blkOffset() != -1 && (s.blkBytes().length() != WRITE_BUFFER || s.blkOffset() + WRITE_BUFFER > size())) {
            throw new IllegalArgumentException("buffered write at " + s.blkOffset() + " of " + s.blkBytes().length()
                    + " bytes does not fit flash '" + name + "'");
        }
        wcycle = s.wcycle();
        cmd = s.cmd();
        status = s.status();
        counter = s.counter();
        blkOffset = s.blkOffset();
        if (blkOffset != -1) {
            System.arraycopy(s.blkBytes().toArray(), 0, buffer, 0, WRITE_BUFFER);
        }
        region.setRomd(s.romd());
    }

    @Override
    public String sectionId() {
        return PflashSchema.SECTION;
    }

    @Override
    public int instanceId() {
        return unit;
    }

    @Override
    public VmStateDescription vmstate() {
        return PflashSchema.PFLASH;
    }

    @Override
    public StateNode state() {
        return PflashSchema.node(snapshot());
    }

    /** Loads QEMU's section; the ROM/I/O mode stays as it is, as on a QEMU destination. */
    @Override
    public void restore(StateNode node) throws BadInputException {
        try {
            restore(PflashSchema.state(node, region.romd()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw BadInputException.unreadable(PflashSchema.SECTION, e.getMessage(), e);
        }
    }

    private long dataRead(long offset, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v |= (long) array.get(offset + i) << (8 * i);
        }
        return v;
    }

    /** QEMU's {@code pflash_read} for bank width 1 without a device width. */
    long read(long offset, int width) {
        switch (cmd) {
            case 0x00:
                return dataRead(offset, width);
            case 0x10: case 0x20: case 0x28: case 0x40: case 0x50: case 0x60: case 0x70: case 0xe8:
                // status; without a device width a dword read repeats it in the upper half
                return width > 2 ? status | (long) status << 16 : status;
            case 0x90:
                long id = offset & 0xff;
                if (id == 0) {
                    return ident[0] << 8 | ident[1];
                }
                return id == 1 ? ident[2] << 8 | ident[3] : 0;
            case 0x98:
                return cfi.answer(offset);
            default:
                // a state QEMU never enters; it falls back to read array
                wcycle = 0;
                cmd = 0;
                return dataRead(offset, width);
        }
    }

    /** QEMU's {@code pflash_write}: the command state machine. */
    void write(long offset, long value, int width) {
        int c = (int) (value & 0xff);
        if (wcycle == 0) {
            region.setRomd(false);
        }
        switch (wcycle) {
            case 0:
                firstCycle(offset, c);
                return;
            case 1:
                secondCycle(offset, value, width, c);
                return;
            case 2:
                if (cmd != 0xe8) {
                    readArray();
                    return;
                }
                if (!readOnly && blkOffset != -1) {
                    program(offset, value, width);
                } else {
                    status |= STATUS_PROGRAM_ERROR;
                }
                status |= STATUS_READY;
                if (counter == 0) {
                    wcycle++;
                }
                counter--;
                return;
            case 3:
                if (cmd == 0xe8 && c == 0xd0 && (status & STATUS_PROGRAM_ERROR) == 0) {
                    for (int i = 0; i < WRITE_BUFFER; i++) {
                        array.put(blkOffset + i, buffer[i]);
                    }
                    blkOffset = -1;
                    wcycle = 0;
                    status |= STATUS_READY;
                    return;
                }
                blkOffset = -1; // the buffered write is abandoned
                readArray();
                return;
            default:
                readArray();
        }
    }

    private void firstCycle(long offset, int c) {
        switch (c) {
            case 0x10: case 0x40: case 0x60: case 0x98:
                break;
            case 0x20:
                // QEMU erases on the command itself; the confirm only ends the sequence
                if (!readOnly) {
                    long start = offset & ~(long) (SECTOR - 1);
                    for (long i = 0; i < SECTOR; i++) {
                        array.put(start + i, 0xff);
                    }
                } else {
                    status |= STATUS_ERASE_ERROR;
                }
                status |= STATUS_READY;
                break;
            case 0x50:
                status = 0;
                readArray();
                return;
            case 0x70: case 0x90:
                cmd = c;
                return;
            case 0xe8:
                status |= STATUS_READY;
                break;
            default:
                // 0x00, 0xf0 (AMD probe), 0xff (read array) and unknown commands
                readArray();
                return;
        }
        wcycle++;
        cmd = c;
    }

    private void secondCycle(long offset, long value, int width, int c) {
        switch (cmd) {
            case 0x10: case 0x40:
                if (!readOnly) {
                    program(offset, value, width);
                } else {
                    status |= STATUS_PROGRAM_ERROR;
                }
                status |= STATUS_READY;
                wcycle = 0;
                return;
            case 0x20: case 0x28: case 0x60:
                if (c == 0xd0 || (cmd == 0x60 && c == 0x01)) {
                    wcycle = 0;
                    status |= STATUS_READY;
                } else {
                    readArray();
                }
                return;
            case 0xe8:
                counter = value & 0xff; // the count is as wide as the bank (one byte)
                wcycle++;
                blkOffset = offset & ~(long) (WRITE_BUFFER - 1);
                for (int i = 0; i < WRITE_BUFFER; i++) {
                    buffer[i] = (byte) array.get(blkOffset + i);
                }
                return;
            case 0x98:
                if (c == 0xff) {
                    readArray();
                }
                return; // any other write stays in query mode
            default:
                readArray();
        }
    }

    /** Stores {@code width} bytes, into the open write buffer when there is one. */
    private void program(long offset, long value, int width) {
        if (blkOffset != -1) {
            if (offset < blkOffset || offset + width > blkOffset + WRITE_BUFFER) {
                status |= STATUS_PROGRAM_ERROR;
                return;
            }
            for (int i = 0; i < width; i++) {
                buffer[(int) (offset - blkOffset) + i] = (byte) (value >>> (8 * i));
            }
            return;
        }
        for (int i = 0; i < width; i++) {
            array.put(offset + i, (int) (value >>> (8 * i)));
        }
    }

    private void readArray() {
        region.setRomd(true);
        wcycle = 0;
        cmd = 0;
    }

    /** The region's callbacks; non-secure accesses to a secure flash bypass the command logic. */
    private final class Handler implements IoHandler {
        @Override
        public long read(long offset, int size) {
            return secure ? dataRead(offset, size) : PflashCfi01.this.read(offset, size);
        }

        @Override
        public void write(long offset, long value, int size) {
            if (!secure) {
                PflashCfi01.this.write(offset, value, size);
            }
        }
    }
}
