package dev.vmtrace.engine.pc;

import dev.vmtrace.engine.machine.CompatEntry;
import dev.vmtrace.engine.machine.CompatProperty;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachineVersion;
import java.util.List;

/**
 * Compat properties of the PC chipset devices whose models are still to come (ICH9 LPC/PM,
 * PIIX4 PM, fw_cfg, the PC machine itself), with the machine-type versions that switch them and
 * the QEMU source of each fact (devices.md). When a device package models one of these devices,
 * its helper moves the constant next to the device and contributes the entries through its
 * {@code MachinePart}.
 */
public final class PcCompat {
    private PcCompat() {
    }

    /** Machine types up to 2.6 keep the legacy CPU-hotplug AML (no switch to modern). */
    public static final CompatProperty<Boolean> LEGACY_CPU_HOTPLUG =
            CompatProperty.bool("machine", "legacy-cpu-hotplug", false);
    /** ICH9 SMI broadcast feature offered over fw_cfg. */
    public static final CompatProperty<Boolean> ICH9_SMI_BROADCAST =
            CompatProperty.bool("ICH9-LPC", "x-smi-broadcast", true, MachineFamily.Q35);
    /** ICH9 "CPU hotplug with SMI" feature. */
    public static final CompatProperty<Boolean> ICH9_SMI_CPU_HOTPLUG =
            CompatProperty.bool("ICH9-LPC", "x-smi-cpu-hotplug", true, MachineFamily.Q35);
    /** ICH9 "CPU hot-unplug with SMI" feature. */
    public static final CompatProperty<Boolean> ICH9_SMI_CPU_HOTUNPLUG =
            CompatProperty.bool("ICH9-LPC", "x-smi-cpu-hotunplug", true, MachineFamily.Q35);
    /** PIIX4 PCI hotplug bridge mode (off: legacy-piix mode). */
    public static final CompatProperty<Boolean> PIIX4_PCIHP_BRIDGE =
            CompatProperty.bool("PIIX4_PM", "acpi-pci-hotplug-with-bridge-support", true, MachineFamily.I440FX);
    /** ICH9 ACPI PCI hotplug (bridge mode); exists from 6.1. */
    public static final CompatProperty<Boolean> ICH9_PCIHP_BRIDGE =
            CompatProperty.bool("ICH9-LPC", "acpi-pci-hotplug-with-bridge-support", true, MachineFamily.Q35);
    /** PIIX4 does not migrate acpi-index (on for up to 6.2). */
    public static final CompatProperty<Boolean> PIIX4_NOT_MIGRATE_ACPI_INDEX =
            CompatProperty.bool("PIIX4_PM", "x-not-migrate-acpi-index", false, MachineFamily.I440FX);
    /** fw_cfg restores ACPI blob sizes after migration (off for up to 4.2). */
    public static final CompatProperty<Boolean> FW_CFG_ACPI_MR_RESTORE =
            CompatProperty.bool("fw_cfg", "acpi-mr-restore", true);
    /** The PM device migrates SMBus state (machine types from 4.0). */
    public static final CompatProperty<Boolean> SMBUS_NO_MIGRATION =
            CompatProperty.bool("machine", "smbus-no-migration-support", false);
    /** fw_cfg files in legacy order instead of sorted by name (up to 2.5). */
    public static final CompatProperty<Boolean> LEGACY_FW_CFG_ORDER =
            CompatProperty.bool("machine", "legacy-fw-cfg-order", false);
    /** The RSDP lives in a RAM block (machine types from 2.3). */
    public static final CompatProperty<Boolean> RSDP_IN_RAM =
            CompatProperty.bool("machine", "rsdp-in-ram", true);
    /** Legacy ACPI table sizing base (PIIX only; 0 = padded to 0x20000). */
    public static final CompatProperty<Long> LEGACY_ACPI_TABLE_SIZE =
            CompatProperty.integer("machine", "legacy-acpi-table-size", 0, MachineFamily.I440FX);

    /** Every property, in catalogue order. */
    public static final List<CompatProperty<?>> PROPERTIES = List.of(LEGACY_CPU_HOTPLUG, ICH9_SMI_BROADCAST,
            ICH9_SMI_CPU_HOTPLUG, ICH9_SMI_CPU_HOTUNPLUG, PIIX4_PCIHP_BRIDGE, ICH9_PCIHP_BRIDGE,
            PIIX4_NOT_MIGRATE_ACPI_INDEX, FW_CFG_ACPI_MR_RESTORE, SMBUS_NO_MIGRATION, LEGACY_FW_CFG_ORDER,
            RSDP_IN_RAM, LEGACY_ACPI_TABLE_SIZE);

    /** The compat facts; later entries override earlier ones for the same property. */
    public static final List<CompatEntry<?>> ENTRIES = List.of(
            new CompatEntry<>(LEGACY_CPU_HOTPLUG, true, v(2, 6), null,
                    "679dd1a957df 'use new CPU hotplug interface since 2.7 machine type' (v2.7.0)"),
            new CompatEntry<>(ICH9_SMI_BROADCAST, false, v(2, 8), MachineFamily.Q35, "hw/i386/pc.c pc_compat_2_8 (v2.9.0)"),
            new CompatEntry<>(ICH9_SMI_CPU_HOTPLUG, false, v(5, 1), MachineFamily.Q35, "hw/i386/pc.c pc_compat_5_1 (v5.2.0)"),
            new CompatEntry<>(ICH9_SMI_CPU_HOTUNPLUG, false, v(5, 2), MachineFamily.Q35, "hw/i386/pc.c pc_compat_5_2 (v6.0.0)"),
            new CompatEntry<>(PIIX4_PCIHP_BRIDGE, false, v(1, 7), MachineFamily.I440FX, "hw/i386/pc.c pc_compat_1_7 (v2.0.0)"),
            new CompatEntry<>(ICH9_PCIHP_BRIDGE, false, v(6, 0), MachineFamily.Q35,
                    "ACPI PCI hotplug for q35 in v6.1.0; pc_compat_6_0 keeps native hotplug"),
            new CompatEntry<>(PIIX4_NOT_MIGRATE_ACPI_INDEX, true, v(6, 2), MachineFamily.I440FX,
                    "hw/core/machine.c hw_compat_6_2 (v7.0.0)"),
            new CompatEntry<>(FW_CFG_ACPI_MR_RESTORE, false, v(4, 2), null, "hw/core/machine.c hw_compat_4_2 (v5.0.0)"),
            new CompatEntry<>(SMBUS_NO_MIGRATION, true, v(3, 1), null, "pc machine class smbus_no_migration_support (v4.0.0)"),
            new CompatEntry<>(LEGACY_FW_CFG_ORDER, true, v(2, 5), null, "pc machine class legacy_fw_cfg_order (v2.6.0)"),
            new CompatEntry<>(RSDP_IN_RAM, false, v(2, 2), null, "pc machine class rsdp_in_ram (v2.3.0)"),
            new CompatEntry<>(LEGACY_ACPI_TABLE_SIZE, 6652L, v(2, 0), MachineFamily.I440FX,
                    "hw/i386/pc_piix.c pc_i440fx_2_0 legacy_acpi_table_size (v2.1.0)"),
            new CompatEntry<>(LEGACY_ACPI_TABLE_SIZE, 6414L, v(1, 7), MachineFamily.I440FX,
                    "hw/i386/pc_piix.c pc_i440fx_1_7 legacy_acpi_table_size (v2.0.0)"));

    private static MachineVersion v(int major, int minor) {
        return new MachineVersion(major, minor, 0);
    }
}
