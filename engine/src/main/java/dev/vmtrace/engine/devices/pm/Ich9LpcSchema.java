package dev.vmtrace.engine.devices.pm;

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
import dev.vmtrace.engine.state.WireType;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ICH9LPC} description v1 with its embedded {@code ich9_pm} v1 (devices.md 4.3), as
 * QEMU 7.2's vmdesc shows them. The GPE arrays are sent as 16 bytes each (the whole GPE0 length,
 * although each half holds 8): vmtrace sends the 8 bytes it has followed by 8 zero bytes.
 */
public final class Ich9LpcSchema {
    private Ich9LpcSchema() {
    }

    /** The section id string of the LPC function. */
    public static final String SECTION = "0000:00:1f.0/ICH9LPC";
    /** Root complex register block size ({@code chip_config}). */
    public static final int CHIP_CONFIG = 16384;

    /** "tco io device status" v1 (TCO is not modeled; power-on values are sent). */
    public static final VmStateDescription TCO = VmStateDescription.builder("tco io device status").version(1)
            .minimumVersion(1)
            .uint16("tco.rld").uint8("tco.din").uint8("tco.dout").uint16("tco.sts1").uint16("tco.sts2")
            .uint16("tco.cnt1").uint16("tco.cnt2").uint8("tco.msg1").uint8("tco.msg2").uint8("tco.wdcnt")
            .uint16("tco.tmr").uint8("sw_irq_gen").timer("tco_timer").int64("expire_time").uint8("timeouts_no")
            .build();

    /** The {@code ich9_pm/tco} subsection. */
    public static final VmStateDescription TCO_SUB = VmStateDescription.builder("ich9_pm/tco").version(1)
            .minimumVersion(1).struct("tco_regs", TCO).since(1).build();

    /** {@code ich9_pm/pcihp} v1: the three bridge-mode fields, always sent inside the subsection. */
    public static VmStateDescription pcihpSub(PciHotplugVariant variant) {
        return VmStateDescription.builder("ich9_pm/pcihp").version(1).minimumVersion(1)
                .uint32("acpi_pci_hotplug.hotplug_select")
                .structArray("acpi_pci_hotplug.acpi_pcihp_pci_status",
                        AcpiSchemas.pciStatus("acpi_pcihp_pci_status", variant), ArrayLength.fixed(AcpiPciHotplug.MAX_BUS))
                .since(1)
                .uint32("acpi_pci_hotplug.acpi_index")
                .build();
    }

    /** "ich9_pm" v1 as {@code release} declares it (the cpuhp subsection exists from 2.7). */
    public static VmStateDescription pm(PciHotplugVariant variant, Release release) {
        VmStateDescription.Builder b = VmStateDescription.builder("ich9_pm").version(1).minimumVersion(1)
                .uint16("acpi_regs.pm1.evt.sts").uint16("acpi_regs.pm1.evt.en").uint16("acpi_regs.pm1.cnt.cnt")
                .timer("acpi_regs.tmr.timer").int64("acpi_regs.tmr.overflow_time")
                .array("acpi_regs.gpe.sts", WireType.UINT8, ArrayLength.fixed(PmRegisters.ICH9_GPE0_LEN))
                .array("acpi_regs.gpe.en", WireType.UINT8, ArrayLength.fixed(PmRegisters.ICH9_GPE0_LEN))
                .uint32("smi_en").uint32("smi_sts")
                .subsection(AcpiSchemas.memhp("ich9_pm"), Condition.isTrue("memory_hotplug"))
                .subsection(TCO_SUB, Condition.isTrue("enable_tco"));
        if (release.atLeast(CPUHP_SINCE)) {
            b.subsection(CpuHotplugSchema.subsection("ich9_pm"), Condition.isTrue("cpu_hotplug_modern"));
        }
        return b.subsection(pcihpSub(variant), Condition.isTrue("use_acpi_hotplug_bridge")).build();
    }

    /** The release that added the modern CPU hotplug interface and its subsection. */
    public static final Release CPUHP_SINCE = Release.of(2, 7, 0);
    /** The release that added SMI feature negotiation and {@code ICH9LPC/smi_feat}. */
    public static final Release SMI_FEAT_SINCE = Release.of(2, 9, 0);

    /** {@code ICH9LPC/rst_cnt} v1. */
    public static final VmStateDescription RST_CNT = VmStateDescription.builder("ICH9LPC/rst_cnt").version(1)
            .minimumVersion(1).uint8("rst_cnt").build();

    /** {@code ICH9LPC/smi_feat} v1. */
    public static final VmStateDescription SMI_FEAT = VmStateDescription.builder("ICH9LPC/smi_feat").version(1)
            .minimumVersion(1)
            .array("smi_guest_features_le", WireType.UINT8, ArrayLength.fixed(8))
            .uint8("smi_features_ok")
            .uint64("smi_negotiated_features")
            .build();

    /**
     * "ICH9LPC" v1 as {@code release} declares it: a release before 2.9 has no {@code smi_feat}
     * subsection, so a stream carrying one (a negotiated VM) fails to load there.
     */
    public static VmStateDescription schema(PciHotplugVariant variant, Release release) {
        VmStateDescription.Builder b = VmStateDescription.builder("ICH9LPC").version(1).minimumVersion(1)
                .struct("d", PciDeviceSchema.PCI_DEVICE)
                .struct("apm", AcpiSchemas.APM)
                .struct("pm", pm(variant, release))
                .array("chip_config", WireType.UINT8, ArrayLength.fixed(CHIP_CONFIG))
                .uint32("sci_level")
                .subsection(RST_CNT, Condition.nonZero("rst_cnt"));
        if (release.atLeast(SMI_FEAT_SINCE)) {
            b.subsection(SMI_FEAT, Condition.isTrue("smi_feat_needed"));
        }
        return b.build();
    }

    static List<StateValue> bytes(byte[] b, int n) {
        List<StateValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(StateValue.of(i < b.length ? b[i] & 0xff : 0));
        }
        return out;
    }

    static void fill(byte[] dst, List<StateValue> src) {
        for (int i = 0; i < dst.length && i < src.size(); i++) {
            dst[i] = (byte) ((StateValue.Int) src.get(i)).value();
        }
    }

    /** The values of {@code lpc} and its parts. */
    static StateNode node(VmStateDescription schema, Ich9Pm lpc, ApmState apm, CpuHotplug cpuhp, AcpiPciHotplug pcihp) {
        AcpiRegs r = lpc.acpi();
        VmStateDescription pmSchema = schema.field("pm").struct();
        StateNode.Builder pm = StateNode.builder(pmSchema)
                .set("acpi_regs.pm1.evt.sts", r.pm1Sts).set("acpi_regs.pm1.evt.en", r.pm1En)
                .set("acpi_regs.pm1.cnt.cnt", r.pm1Cnt)
                .set("acpi_regs.tmr.timer", r.timerExpiry).set("acpi_regs.tmr.overflow_time", r.overflowTime)
                .setArray("acpi_regs.gpe.sts", bytes(r.gpeSts, PmRegisters.ICH9_GPE0_LEN))
                .setArray("acpi_regs.gpe.en", bytes(r.gpeEn, PmRegisters.ICH9_GPE0_LEN))
                .set("smi_en", lpc.smiEn()).set("smi_sts", lpc.smiSts())
                .property("memory_hotplug", true).property("enable_tco", true)
                .property("cpu_hotplug_modern", cpuhp != null && !cpuhp.legacyMode())
                .property("use_acpi_hotplug_bridge", pcihp != null);
        pm.subsection(AcpiSchemas.memhpNode(pmSchema.subsection("ich9_pm/memhp").description()));
        pm.subsection(StateNode.builder(TCO_SUB).set("tco_regs", tcoNode()).build());
        if (cpuhp != null && pmSchema.subsection("ich9_pm/cpuhp") != null) {
            pm.subsection(CpuHotplugSchema.toNode(pmSchema.subsection("ich9_pm/cpuhp").description(), cpuhp.state()));
        }
        if (pcihp != null) {
            VmStateDescription sub = pmSchema.subsection("ich9_pm/pcihp").description();
            VmStateDescription status = sub.field("acpi_pci_hotplug.acpi_pcihp_pci_status").struct();
            PciHotplugState s = pcihp.state();
            pm.subsection(StateNode.builder(sub).set("acpi_pci_hotplug.hotplug_select", s.select())
                    .setArray("acpi_pci_hotplug.acpi_pcihp_pci_status",
                            AcpiSchemas.statusNodes(status, s, pcihp.hotplugEnable()))
                    .set("acpi_pci_hotplug.acpi_index", s.acpiIndex()).build());
        }
        SmiFeaturesState smi = lpc.smiFeatures().state();
        return StateNode.builder(schema)
                .set("d", PciDeviceSchema.node(lpc.config().bytes(), false))
                .set("apm", AcpiSchemas.apmNode(apm))
                .set("pm", pm.build())
                .setArray("chip_config", bytes(new byte[0], CHIP_CONFIG))
                .set("sci_level", r.sciLevel() ? 1 : 0)
                .property("rst_cnt", 0)
                .property("smi_feat_needed", lpc.smiFeatures().needed())
                .subsection(StateNode.builder(RST_CNT).set("rst_cnt", 0).build())
                .subsection(StateNode.builder(SMI_FEAT).setArray("smi_guest_features_le", bytes(SmiFeatures.le(smi.requested()), 8))
                        .set("smi_features_ok", smi.ok() ? 1 : 0).set("smi_negotiated_features", smi.negotiated()).build())
                .build();
    }

    static StateNode tcoNode() {
        return StateNode.builder(TCO).set("tco.rld", 0).set("tco.din", 0).set("tco.dout", 0).set("tco.sts1", 0)
                .set("tco.sts2", 0).set("tco.cnt1", 0).set("tco.cnt2", 0).set("tco.msg1", 0).set("tco.msg2", 0)
                .set("tco.wdcnt", 0).set("tco.tmr", 0).set("sw_irq_gen", 0).set("tco_timer", -1)
                .set("expire_time", -1).set("timeouts_no", 0).build();
    }
}
