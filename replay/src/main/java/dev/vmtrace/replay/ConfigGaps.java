package dev.vmtrace.replay;

import java.util.Map;

/**
 * Registers whose behaviour depends on PCI configuration writes. A QEMU log filtered to a few
 * devices lacks those writes, so for imported traces without any PCI configuration access the
 * read values of these regions are taken from the trace (their shapes are still compared).
 */
final class ConfigGaps {
    private ConfigGaps() {
    }

    /** Region name to the reason (why PCI configuration matters for it). */
    static final Map<String, String> DEPENDS_ON_PCI_CONFIG = Map.of(
            "acpi-smi", "SMI_EN's GBL_SMI_EN bit is locked by the LPC bridge's GEN_PMCON_1.SMI_LOCK (config 0xa0)");
}
