package dev.vmtrace.engine.devices.fwcfg;

/**
 * The guest memory fw_cfg DMA reads descriptors from and copies data to: QEMU's {@code dma_as}
 * (the system address space). A transfer that touches memory that is not RAM fails, which
 * fw_cfg reports as the error bit.
 */
public interface DmaMemory {
    /** Reads {@code length} bytes at {@code address} into {@code dst}; false if any byte is not RAM. */
    boolean read(long address, byte[] dst, int offset, int length);

    /** Writes {@code length} bytes of {@code src} at {@code address}; false if any byte is not RAM. */
    boolean write(long address, byte[] src, int offset, int length);
}
