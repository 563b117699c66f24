package dev.vmtrace.engine.devices.fwcfg;

/**
 * The fw_cfg device properties that machine types switch (devices.md 5.1).
 *
 * @param fileSlots how many file keys exist (0x20; 0x10 for machine types up to 2.8)
 * @param dmaEnabled whether {@code fwcfg.dma} exists and the ID reports DMA (machine types from 2.5)
 * @param legacyOrder files in the legacy category order instead of sorted by name (up to 2.5)
 */
public record FwCfgConfig(int fileSlots, boolean dmaEnabled, boolean legacyOrder) {
    /** Validates the slot count. */
    public FwCfgConfig {
        if (fileSlots < 1 || fileSlots > FwCfgKeys.ENTRY_MASK - FwCfgKeys.FILE_FIRST) {
            throw new IllegalArgumentException("file slots out of range: " + fileSlots);
        }
    }

    /** QEMU 7.2's defaults for the newest machine types. */
    public static final FwCfgConfig DEFAULT = new FwCfgConfig(0x20, true, false);
}
