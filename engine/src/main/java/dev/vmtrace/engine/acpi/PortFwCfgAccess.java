package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.devices.fwcfg.FwCfgKeys;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.DispatchPath;
import dev.vmtrace.engine.memory.Space;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Firmware access through an x86 machine's guest interface, as OVMF does it: a 16-bit write to
 * 0x510 selects, byte reads from 0x511 return data, and a DMA write puts a big-endian descriptor
 * and the data into guest RAM at {@link #BOUNCE} and writes its address to 0x514/0x518.
 */
public final class PortFwCfgAccess implements FwCfgAccess {
    /** Guest RAM this access uses for DMA descriptors and data (low RAM, below 1 MiB). */
    public static final long BOUNCE = 0x7000;
    private static final AccessSink SINK = AccessSink.DISCARD;
    private final Machine machine;

    /** Access through {@code machine}'s ports. */
    public PortFwCfgAccess(Machine machine) {
        this.machine = machine;
    }

    @Override
    public List<FileEntry> directory() {
        select(FwCfgKeys.FILE_DIR);
        int n = (int) DeviceFwCfgAccess.be(readBytes(4), 0, 4);
        List<FileEntry> out = new ArrayList<>();
        for (int i = 0; i < n && i < 0x3fff; i++) {
            byte[] e = readBytes(FwCfgKeys.DIR_ENTRY_SIZE);
            int len = 0;
            while (len < FwCfgKeys.NAME_SIZE && e[8 + len] != 0) {
                len++;
            }
            out.add(new FileEntry(new String(e, 8, len, StandardCharsets.US_ASCII),
                    (int) DeviceFwCfgAccess.be(e, 0, 4), (int) DeviceFwCfgAccess.be(e, 4, 2)));
        }
        return out;
    }

    @Override
    public byte[] read(FileEntry file) {
        select(file.key());
        return readBytes(file.size());
    }

    @Override
    public boolean write(FileEntry file, int offset, byte[] data) {
        if (!dma(((long) file.key() << 16) | FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_SKIP, offset, new byte[0])) {
            return false;
        }
        return dma(FwCfgKeys.DMA_WRITE, data.length, data);
    }

    private boolean dma(long control, int length, byte[] data) {
        long desc = BOUNCE;
        long buf = BOUNCE + 16;
        byte[] d = new byte[16];
        put(d, 0, control, 4);
        put(d, 4, length, 4);
        put(d, 8, buf, 8);
        store(desc, d);
        store(buf, data);
        machine.out(0x514, 0, 4, -1, SINK);
        // The region is big-endian: the CPU writes the byte-swapped address (devices.md 5.1).
        machine.out(0x518, Integer.reverseBytes((int) desc) & 0xffffffffL, 4, -1, SINK);
        long result = 0;
        for (int i = 0; i < 4; i++) {
            result = (result << 8) | machine.read(Space.MEMORY, desc + i, 1, DispatchPath.BUFFER, -1, SINK);
        }
        return result == 0;
    }

    private void store(long addr, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            machine.write(Space.MEMORY, addr + i, b[i] & 0xff, 1, DispatchPath.BUFFER, -1, SINK);
        }
    }

    private void select(int key) {
        machine.out(0x510, key, 2, -1, SINK);
    }

    private byte[] readBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) machine.in(0x511, 1, -1, SINK);
        }
        return b;
    }

    private static void put(byte[] b, int at, long v, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (v >>> (8 * (width - 1 - i)));
        }
    }
}
