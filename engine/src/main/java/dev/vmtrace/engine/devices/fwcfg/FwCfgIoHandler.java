package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.device.IoHandler;

/** The {@code fwcfg} port pair: byte reads give data (at either port), a word write selects. */
final class FwCfgIoHandler implements IoHandler {
    private final FwCfgDevice dev;

    FwCfgIoHandler(FwCfgDevice dev) {
        this.dev = dev;
    }

    @Override
    public long read(long offset, int size) {
        // Only byte reads are valid (the accepts callback refuses the rest), at 0x510 or 0x511.
        return dev.readByte();
    }

    @Override
    public void write(long offset, long value, int size) {
        // A word write selects; byte writes to the data port do nothing since QEMU 2.4.
        if (size == 2) {
            dev.select((int) (value & 0xffff));
        }
    }
}
