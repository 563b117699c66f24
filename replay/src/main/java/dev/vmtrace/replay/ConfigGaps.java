package dev.vmtrace.replay;

import java.util.Map;

/**
 * Registers a replay of an imported trace cannot predict: their behaviour depends on PCI
 * configuration writes, or on the clock. A QEMU log filtered to a few
 * devices lacks those writes, so for imported traces without any PCI configuration access the
 * read values of these regions are taken from the trace (their shapes are still compared).
 */
final class ConfigGaps {
    private ConfigGaps() {
    }

    /**
     * Regions whose read values follow the clock. A QEMU log has no virtual time (its timestamps,
     * if any, are the host's), so for imported traces their values are taken from the trace.
     */
    static final Map<String, String> TIME_DEPENDENT = Map.of(
            "acpi-tmr", "the ACPI PM timer counts at 3.579545 MHz of the recorded run's clock, which a QEMU log does "
                    + "not carry");

    /** Region name to the reason (why PCI configuration matters for it). */
    static final Map<String, String> DEPENDS_ON_PCI_CONFIG = Map.of(
            "acpi-smi", "SMI_EN's GBL_SMI_EN bit is locked by the LPC bridge's GEN_PMCON_1.SMI_LOCK (config 0xa0)");
}
