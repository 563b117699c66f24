package dev.vmtrace.engine.devices.fwcfg;

/** A flat byte array standing for guest RAM in {@link #dmaWrite}. */
final class ScratchDmaMemory implements DmaMemory {
    final byte[] bytes;

    ScratchDmaMemory(int size) {
        bytes = new byte[size];
    }

    void descriptor(long control, long length, long address) {
        FwCfgDevice.putBe(bytes, 0, control & 0xffffffffL, 4);
        FwCfgDevice.putBe(bytes, 4, length, 4);
        FwCfgDevice.putBe(bytes, 8, address, 8);
    }

    int control() {
        return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }

    @Override
    public boolean read(long address, byte[] dst, int offset, int length) {
        if (address < 0 || address + length > bytes.length) {
            return false;
        }
        System.arraycopy(bytes, (int) address, dst, offset, length);
        return true;
    }

    @Override
    public boolean write(long address, byte[] src, int offset, int length) {
        if (address < 0 || address + length > bytes.length) {
            return false;
        }
        System.arraycopy(src, offset, bytes, (int) address, length);
        return true;
    }
}
