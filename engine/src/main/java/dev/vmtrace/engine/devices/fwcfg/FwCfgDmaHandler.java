package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.device.IoHandler;

/** The {@code fwcfg.dma} register: reads the signature, writes the descriptor address. */
final class FwCfgDmaHandler implements IoHandler {
    private final FwCfgDevice dev;

    FwCfgDmaHandler(FwCfgDevice dev) {
        this.dev = dev;
    }

    @Override
    public long read(long offset, int size) {
        // The bytes of "QEMU CFG" at [offset, offset+size), most significant first (big-endian region).
        int shift = (int) (8 - offset - size) * 8;
        long v = FwCfgKeys.DMA_SIGNATURE >>> shift;
        return size == 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    @Override
    public void write(long offset, long value, int size) {
        dev.dmaWrite(offset, value, size);
    }
}
