package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Firmware access straight to the fw_cfg model: selects and byte reads as the data port does
 * (so select callbacks run and stale directory sizes show), writes through the DMA path.
 */
public final class DeviceFwCfgAccess implements FwCfgAccess {
    private final FwCfgDevice device;

    /** Access to {@code device}. */
    public DeviceFwCfgAccess(FwCfgDevice device) {
        this.device = device;
    }

    @Override
    public List<FileEntry> directory() {
        device.select(FwCfgKeys.FILE_DIR);
        byte[] count = readBytes(4);
        int n = (int) be(count, 0, 4);
        List<FileEntry> out = new ArrayList<>();
        for (int i = 0; i < n && i < 0x3fff; i++) {
            byte[] e = readBytes(FwCfgKeys.DIR_ENTRY_SIZE);
            int len = 0;
            while (len < FwCfgKeys.NAME_SIZE && e[8 + len] != 0) {
                len++;
            }
            out.add(new FileEntry(new String(e, 8, len, StandardCharsets.US_ASCII), (int) be(e, 0, 4), (int) be(e, 4, 2)));
        }
        return out;
    }

    @Override
    public byte[] read(FileEntry file) {
        device.select(file.key());
        return readBytes(file.size());
    }

    @Override
    public boolean write(FileEntry file, int offset, byte[] data) {
        return device.dmaWrite(file.key(), offset, data);
    }

    private byte[] readBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) device.readByte();
        }
        return b;
    }

    static long be(byte[] b, int at, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }
}
