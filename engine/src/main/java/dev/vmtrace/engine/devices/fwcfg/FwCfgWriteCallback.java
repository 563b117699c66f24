package dev.vmtrace.engine.devices.fwcfg;

/**
 * Runs after a DMA write stored {@code length} guest bytes into a writable item at
 * {@code offset} (QEMU's {@code FWCfgWriteCallback}). The bytes are already in the item: read them
 * with {@link FwCfgItem#get}/{@link FwCfgItem#getLongLE}. Rejected writes (read-only item, a write
 * crossing the item's end, no item) never reach the callback.
 */
@FunctionalInterface
public interface FwCfgWriteCallback {
    /** No callback. */
    FwCfgWriteCallback NONE = (item, offset, length) -> { };

    /** Called after {@code length} bytes were written at {@code offset} of {@code item}. */
    void written(FwCfgItem item, int offset, int length);
}
