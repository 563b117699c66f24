package dev.vmtrace.engine.devices.fwcfg;

/**
 * One DMA transfer (devices.md 5.1): read the 16-byte big-endian descriptor at the address the
 * guest wrote, optionally select, then read, write or skip, and write the final control word
 * back (0 on success, the error bit otherwise).
 */
final class FwCfgDma {
    private FwCfgDma() {
    }

    /** Largest chunk copied at once (bounds host memory for huge guest lengths). */
    private static final int CHUNK = 1 << 16;

    static void transfer(FwCfgDevice dev) {
        long descAddr = dev.takeDmaAddress();
        DmaMemory mem = dev.memory();
        byte[] desc = new byte[16];
        if (!mem.read(descAddr, desc, 0, 16)) {
            writeControl(mem, descAddr, FwCfgKeys.DMA_ERROR);
            return;
        }
        int control = (int) be(desc, 0, 4);
        long length = be(desc, 4, 4);
        long address = be(desc, 8, 8);
        if ((control & FwCfgKeys.DMA_SELECT) != 0) {
            dev.select(control >>> 16);
        }
        boolean read = false;
        boolean write = false;
        if ((control & FwCfgKeys.DMA_READ) != 0) {
            read = true;
        } else if ((control & FwCfgKeys.DMA_WRITE) != 0) {
            write = true;
        } else if ((control & FwCfgKeys.DMA_SKIP) == 0) {
            length = 0;
        }
        int result = 0;
        while (length > 0 && (result & FwCfgKeys.DMA_ERROR) == 0) {
            FwCfgItem e = dev.item(dev.curEntry());
            long len;
            if (e == null || dev.curOffset() >= e.size()) {
                // Past the end or no item: reads fill with zeros, writes fail; the offset stays.
                len = length;
                if (read && !zeroFill(mem, address, len)) {
                    result |= FwCfgKeys.DMA_ERROR;
                }
                if (write) {
                    result |= FwCfgKeys.DMA_ERROR;
                }
            } else {
                long avail = e.size() - dev.curOffset();
                len = Math.min(length, avail);
                int n = (int) len;
                if (read) {
                    byte[] buf = new byte[n];
                    e.copyOut(dev.curOffset(), buf, 0, n);
                    if (!mem.write(address, buf, 0, n)) {
                        result |= FwCfgKeys.DMA_ERROR;
                    }
                }
                if (write) {
                    byte[] buf = new byte[n];
                    if (e.readOnly() || len != length) {
                        result |= FwCfgKeys.DMA_ERROR;
                    } else if (!mem.read(address, buf, 0, n)) {
                        result |= FwCfgKeys.DMA_ERROR;
                    } else {
                        int at = dev.curOffset();
                        e.copyIn(at, buf, 0, n);
                        e.onWrite().written(e, at, n);
                    }
                }
                dev.advance(n);
            }
            address += len;
            length -= len;
        }
        writeControl(mem, descAddr, result);
    }

    private static boolean zeroFill(DmaMemory mem, long address, long len) {
        byte[] zeros = new byte[(int) Math.min(len, CHUNK)];
        long done = 0;
        while (done < len) {
            int n = (int) Math.min(len - done, CHUNK);
            if (!mem.write(address + done, zeros, 0, n)) {
                return false;
            }
            done += n;
        }
        return true;
    }

    private static void writeControl(DmaMemory mem, long descAddr, int control) {
        byte[] b = new byte[4];
        FwCfgDevice.putBe(b, 0, control & 0xffffffffL, 4);
        mem.write(descAddr, b, 0, 4);
    }

    private static long be(byte[] b, int at, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }
}
