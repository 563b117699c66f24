package dev.vmtrace.engine.devices.pm;

import dev.vmtrace.engine.devices.apm.ApmDevice;
import dev.vmtrace.engine.devices.apm.ApmState;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplugSchema;
import dev.vmtrace.engine.devices.pci.PciDeviceSchema;
import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.devices.pcihp.PciHotplugState;
import dev.vmtrace.engine.devices.pcihp.PciHotplugVariant;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.Condition;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.List;

/**
 * The {@code piix4_pm} description, version 3 (minimum 3), in QEMU 7.2's field order and wire
 * types (devices.md 3.4). Which fields are sent depends on unsent properties, as QEMU's
 * {@code field_exists} tests do: {@code smbus_migration} (machine types from 4.0), bridge mode
 * ({@code acpi-pci-hotplug-with-bridge-support}) and {@code x-not-migrate-acpi-index}.
 */
public final class Piix4PmSchema {
    private Piix4PmSchema() {
    }

    /** The section id string of the PIIX4 PM function. */
    public static final String SECTION = "0000:00:01.3/piix4_pm";

    /** "pmsmb" v1 (the SMBus controller is not modeled; it is sent with power-on values). */
    public static final VmStateDescription SMB = VmStateDescription.builder("pmsmb").version(1).minimumVersion(1)
            .uint8("smb_stat").uint8("smb_ctl").uint8("smb_cmd").uint8("smb_addr").uint8("smb_data0")
            .uint8("smb_data1").uint32("smb_index")
            .array("smb_data", dev.vmtrace.engine.state.WireType.UINT8, ArrayLength.fixed(32))
            .uint8("smb_auxctl").uint8("smb_blkdata").bool("i2c_enable").bool("op_done")
            .bool("in_i2c_block_read").bool("start_transaction_on_status_read")
            .build();

    /** "gpe" v1: the first two status and enable bytes, each as a host (little-endian) u16. */
    public static final VmStateDescription GPE = VmStateDescription.builder("gpe").version(1).minimumVersion(1)
            .uint16("sts").uint16("en").build();

    /** The release that added the modern CPU hotplug interface and its subsection. */
    public static final Release CPUHP_SINCE = Release.of(2, 7, 0);
    /** The release that migrates SMBus state (for machine types from 4.0). */
    public static final Release SMB_SINCE = Release.of(4, 0, 0);
    /** The release that migrates acpi-index (hw_compat_6_2 keeps it off for older machine types). */
    public static final Release ACPI_INDEX_SINCE = Release.of(7, 0, 0);

    /** The description for a PCI hotplug {@code variant} as {@code release} declares it. */
    public static VmStateDescription schema(PciHotplugVariant variant, Release release) {
        Condition bridge = Condition.isTrue("bridge");
        VmStateDescription.Builder b = VmStateDescription.builder("piix4_pm").version(3).minimumVersion(3)
                .struct("parent_obj", PciDeviceSchema.PCI_DEVICE)
                .uint16("ar.pm1.evt.sts").uint16("ar.pm1.evt.en").uint16("ar.pm1.cnt.cnt")
                .struct("apm", AcpiSchemas.APM);
        if (release.atLeast(SMB_SINCE)) {
            b.struct("smb", SMB).since(3).when(Condition.isTrue("smbus_migration"));
        }
        b.timer("ar.tmr.timer").int64("ar.tmr.overflow_time")
                .struct("ar.gpe", GPE).since(2)
                .struct("acpi_pci_hotplug.acpi_pcihp_pci_status[0x0]", AcpiSchemas.pciStatus("pci_status", variant))
                .since(2).when(bridge.negate())
                .uint32("acpi_pci_hotplug.hotplug_select").when(bridge)
                .structArray("acpi_pci_hotplug.acpi_pcihp_pci_status",
                        AcpiSchemas.pciStatus("acpi_pcihp_pci_status", variant), ArrayLength.fixed(AcpiPciHotplug.MAX_BUS))
                .since(1).when(bridge);
        if (release.atLeast(ACPI_INDEX_SINCE)) {
            b.uint32("acpi_pci_hotplug.acpi_index").when(bridge.and(Condition.isTrue("not_migrate_acpi_index").negate()));
        }
        b.subsection(AcpiSchemas.memhp("piix4_pm"), Condition.isTrue("memory_hotplug"));
        if (release.atLeast(CPUHP_SINCE)) {
            b.subsection(CpuHotplugSchema.subsection("piix4_pm"), Condition.isTrue("cpu_hotplug_modern"));
        }
        return b.build();
    }

    static StateNode smbNode() {
        List<StateValue> data = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            data.add(StateValue.of(0));
        }
        return StateNode.builder(SMB).set("smb_stat", 0).set("smb_ctl", 0).set("smb_cmd", 0).set("smb_addr", 0)
                .set("smb_data0", 0).set("smb_data1", 0).set("smb_index", 0).setArray("smb_data", data)
                .set("smb_auxctl", 0).set("smb_blkdata", 0).set("i2c_enable", true).set("op_done", true)
                .set("in_i2c_block_read", false).set("start_transaction_on_status_read", false).build();
    }

    /** The values of {@code pm} and its parts. */
    static StateNode node(VmStateDescription schema, Piix4Pm pm, ApmState apm, CpuHotplug cpuhp, AcpiPciHotplug pcihp,
                          boolean bridge, boolean notMigrateAcpiIndex, boolean smbusMigration) {
        AcpiRegs r = pm.acpi();
        StateNode.Builder b = StateNode.builder(schema)
                .set("parent_obj", PciDeviceSchema.node(pm.config().bytes(), r.sciLevel()))
                .set("ar.pm1.evt.sts", r.pm1Sts).set("ar.pm1.evt.en", r.pm1En).set("ar.pm1.cnt.cnt", r.pm1Cnt)
                .set("apm", AcpiSchemas.apmNode(apm))
                .set("smb", smbNode())
                .set("ar.tmr.timer", r.timerExpiry).set("ar.tmr.overflow_time", r.overflowTime)
                .set("ar.gpe", StateNode.builder(GPE).set("sts", u16(r.gpeSts)).set("en", u16(r.gpeEn)).build())
                .property("bridge", bridge).property("not_migrate_acpi_index", notMigrateAcpiIndex)
                .property("smbus_migration", smbusMigration).property("memory_hotplug", true)
                .property("cpu_hotplug_modern", cpuhp != null && !cpuhp.legacyMode());
        VmStateDescription legacyStatus = schema.field("acpi_pci_hotplug.acpi_pcihp_pci_status[0x0]").struct();
        VmStateDescription status = schema.field("acpi_pci_hotplug.acpi_pcihp_pci_status").struct();
        PciHotplugState s = pcihp.state();
        long[] enable = pcihp.hotplugEnable();
        b.set("acpi_pci_hotplug.acpi_pcihp_pci_status[0x0]", AcpiSchemas.statusNode(legacyStatus, s, enable, 0))
                .set("acpi_pci_hotplug.hotplug_select", s.select())
                .setArray("acpi_pci_hotplug.acpi_pcihp_pci_status", AcpiSchemas.statusNodes(status, s, enable))
                .set("acpi_pci_hotplug.acpi_index", s.acpiIndex());
        VmStateDescription memhp = schema.subsection("piix4_pm/memhp").description();
        b.subsection(AcpiSchemas.memhpNode(memhp));
        if (cpuhp != null && schema.subsection("piix4_pm/cpuhp") != null) {
            VmStateDescription sub = schema.subsection("piix4_pm/cpuhp").description();
            b.subsection(CpuHotplugSchema.toNode(sub, cpuhp.state()));
        }
        return b.build();
    }

    static int u16(byte[] b) {
        return (b[0] & 0xff) | (b.length > 1 ? (b[1] & 0xff) << 8 : 0);
    }

    static void setU16(byte[] b, long v) {
        b[0] = (byte) v;
        if (b.length > 1) {
            b[1] = (byte) (v >> 8);
        }
    }

    /** The APM state, or power-on zeros when the machine has no APM device. */
    static ApmState apmOf(ApmDevice apm) {
        return apm == null ? new ApmState(0, 0) : apm.state();
    }
}
