package dev.vmtrace.engine.devices.fwcfg;

/**
 * Runs when the guest selects an item (a 16-bit write to the selector port, or a DMA descriptor
 * with the select bit), after the data offset was reset to 0 and before any byte is read. QEMU
 * uses it to build data lazily: the ACPI blobs are rebuilt on the first select after a reset, and
 * ICH9's {@code etc/smi/features-ok} validates and locks the SMI feature request.
 *
 * <p>The callback may change the item's contents with {@link FwCfgItem#put}/{@link FwCfgItem#replace};
 * the read that follows sees the new bytes.
 */
@FunctionalInterface
public interface FwCfgSelectCallback {
    /** No callback. */
    FwCfgSelectCallback NONE = item -> { };

    /** Called with the item just selected. */
    void selected(FwCfgItem item);
}
