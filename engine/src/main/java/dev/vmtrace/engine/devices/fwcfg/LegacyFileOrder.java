package dev.vmtrace.engine.devices.fwcfg;

import java.util.Map;

/**
 * The category order files had on machine types up to 2.5 (devices.md 5.1): a file is inserted
 * after every file whose category number is not larger than its own. Numbers as QEMU assigns them;
 * unknown names go last. Our own table of the facts, not QEMU's.
 */
final class LegacyFileOrder {
    private LegacyFileOrder() {
    }

    /** Category of unknown files. */
    static final int LAST = 200;

    private static final Map<String, Integer> ORDER = Map.ofEntries(
            Map.entry("etc/boot-menu-wait", 10),
            Map.entry("bootsplash.jpg", 11),
            Map.entry("bootsplash.bmp", 12),
            Map.entry("etc/boot-fail-wait", 15),
            Map.entry("etc/smbios/smbios-tables", 20),
            Map.entry("etc/smbios/smbios-anchor", 30),
            Map.entry("etc/e820", 40),
            Map.entry("etc/reserved-memory-end", 50),
            Map.entry("genroms/kvmvapic.bin", 55),
            Map.entry("genroms/linuxboot.bin", 60),
            Map.entry("etc/system-states", 90),
            Map.entry("etc/extra-pci-roots", 120),
            Map.entry("etc/acpi/tables", 130),
            Map.entry("etc/table-loader", 140),
            Map.entry("etc/tpm/log", 150),
            Map.entry("etc/acpi/rsdp", 160),
            Map.entry("bootorder", 170),
            Map.entry("etc/msr_feature_control", 180));

    /** The category of {@code name}. */
    static int of(String name) {
        return ORDER.getOrDefault(name, LAST);
    }
}
