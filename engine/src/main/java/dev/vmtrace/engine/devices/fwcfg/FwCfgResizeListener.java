package dev.vmtrace.engine.devices.fwcfg;

/**
 * Told when an item's length changes through {@link FwCfgItem#replace}: QEMU's RAM-block resize
 * hook that keeps the file directory size of a blob in step with its RAM block's used length.
 */
@FunctionalInterface
public interface FwCfgResizeListener {
    /** The item {@code item} now has {@code newLength} bytes (it had {@code oldLength}). */
    void resized(FwCfgItem item, int oldLength, int newLength);
}
