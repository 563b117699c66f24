package dev.vmtrace.engine.devices.pm;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.devices.apm.ApmDevice;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplugSchema;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplugState;
import dev.vmtrace.engine.devices.pci.PciConfig;
import dev.vmtrace.engine.devices.pci.PciDeviceSchema;
import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.devices.pcihp.PciHotplugState;
import dev.vmtrace.engine.devices.pcihp.PciHotplugVariant;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionSlot;
import java.util.Objects;

/**
 * ICH9 LPC power management (hw/isa/lpc_ich9.c, hw/acpi/ich9.c; devices.md 4): the LPC function
 * 00:1f.0's config space (PMBASE 0x40, ACPI_CNTL 0x44, GEN_PMCON_1 0xa0), the 128-byte PM block
 * it maps at PMBASE when ACPI_CNTL.ACPI_EN is set, SMI_EN/SMI_STS with the SMI_LOCK behaviour,
 * the APM chipset callback and the SMI feature negotiation.
 */
public final class Ich9Pm implements Device, Migratable {
    /** Device name (QOM type). */
    public static final String NAME = "ICH9-LPC";
    /** LPC config: PMBASE. */
    public static final int PMBASE = 0x40;
    /** LPC config: ACPI_CNTL (bit 7 ACPI_EN). */
    public static final int ACPI_CNTL = 0x44;
    /** LPC config: GEN_PMCON_1 (bit 4 SMI_LOCK). */
    public static final int GEN_PMCON_1 = 0xa0;
    /** The address bits of PMBASE. */
    public static final int PMBASE_MASK = 0xff80;
    /** APM command: ACPI enable. */
    public static final int APM_ACPI_ENABLE = 0x02;
    /** APM command: ACPI disable. */
    public static final int APM_ACPI_DISABLE = 0x03;

    /** The LPC function's power-on config space as QEMU 7.2 shows it (qtest reads of 0xcfc). */
    static final byte[] RESET_CONFIG = PciConfig.image(0x29188086L, 0, 0x06010002L, 0x00800000L, 0, 0, 0, 0, 0, 0, 0,
            0x11001af4L, 0, 0, 0, 0, 0x1, 0, 0, 0, 0, 0, 0, 0, 0x80808080L, 0, 0x80808080L);

    private final DeviceContext context;
    private final boolean smm;
    private final AcpiRegs regs;
    private final PciConfig config = new PciConfig(RESET_CONFIG);
    private final SmiFeatures smiFeatures;
    private RegionSlot pmSlot;
    private ApmDevice apm;
    private CpuHotplug cpuhp;
    private AcpiPciHotplug pcihp;
    private final Release release;
    private VmStateDescription schema;
    private long smiEn;
    private long smiSts;
    private long smiEnWmask;
    final Region smiRegion;

    /**
     * ICH9 PM of {@code release} with SMM {@code smm} and the SMI feature host mask
     * {@code smiSupported}.
     */
    public Ich9Pm(DeviceContext context, Release release, boolean smm, long smiSupported) {
        this.context = Objects.requireNonNull(context, "context");
        this.release = Objects.requireNonNull(release, "release");
        this.schema = Ich9LpcSchema.schema(PciHotplugVariant.of(release), release);
        this.smm = smm;
        this.regs = new AcpiRegs(NAME, context, PmRegisters.ICH9_GPE0_LEN, 2);
        regs.setAcpiOnly(!smm);
        this.smiFeatures = new SmiFeatures(smiSupported);
        // PMBASE: address bits 7..15 are writable, and QEMU 7.2's realize then gives PMBASE's low
        // byte the mask meant for ACPI_CNTL (ACPI_EN, SCI_IRQ_SEL): bits 0..2 and 7 are writable
        // too, so writing 0 clears the I/O-space bit ([RUN] devices/mch/mmcfg.qtest).
        config.setWmask(PMBASE, 4, 0xff87);
        config.setListener(this::configWritten);
        smiRegion = Region.device(PmRegisters.SMI_MAP, new IoHandler() {
            @Override
            public long read(long offset, int size) {
                return offset == 0 ? smiEn : offset == 4 ? smiSts : 0;
            }

            @Override
            public void write(long offset, long value, int size) {
                if (offset == 0) {
                    // TCO_LOCK is never set (TCO is not modeled), so TCO_EN stays writable.
                    smiEn = (smiEn & ~smiEnWmask) | (value & smiEnWmask);
                }
            }
        });
    }

    /** Gives the device the slot of its PM container ({@code ich9-pm}), which it maps at PMBASE. */
    public void attach(RegionSlot pmContainer) {
        this.pmSlot = pmContainer;
        updateMapping();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset() {
        config.reset();
        regs.reset();
        smiEn = smm ? 0 : PmRegisters.SMI_EN_APMC;
        smiSts = 0;
        smiEnWmask = 0xffffffffL;
        smiFeatures.reset();
        updateMapping();
    }

    private void configWritten(int offset, int size) {
        if (PciConfig.overlaps(offset, size, PMBASE, 4) || PciConfig.overlaps(offset, size, ACPI_CNTL, 1)) {
            updateMapping();
        }
        if (PciConfig.overlaps(offset, size, GEN_PMCON_1, 2) && (config.read(GEN_PMCON_1, 1) & 0x10) != 0) {
            // SMI_LOCK: sticky from now on, and GBL_SMI_EN becomes read-only.
            config.clearWmaskBits(GEN_PMCON_1, 0x10);
            smiEnWmask &= ~PmRegisters.SMI_EN_GBL;
        }
    }

    private void updateMapping() {
        if (pmSlot == null) {
            return;
        }
        long base = (config.read(ACPI_CNTL, 1) & 0x80) != 0 ? config.read(PMBASE, 4) & PMBASE_MASK : 0;
        if (base != pmSlot.offset()) {
            pmSlot.mapAt(base);
        }
        pmSlot.region().setEnabled(base != 0);
    }

    /** The APM chipset callback (QEMU's ich9_apm_ctrl_changed). */
    public void apmControl(int value) {
        if (value == APM_ACPI_ENABLE || value == APM_ACPI_DISABLE) {
            regs.setSciEnable(value == APM_ACPI_ENABLE);
            return;
        }
        if ((smiEn & PmRegisters.SMI_EN_APMC) != 0) {
            int target = smiFeatures.broadcast() ? -1 : context.currentVcpu();
            context.emit(new DeviceEvent(NAME, DeviceEvent.SMI, value, target));
        }
    }

    /** Connects the parts QEMU migrates inside {@code ICH9LPC} (APM, CPU hotplug). */
    public void connect(ApmDevice apmDevice, CpuHotplug cpuHotplug) {
        this.apm = apmDevice;
        this.cpuhp = cpuHotplug;
    }

    /** Connects the PCI hotplug controller (bridge mode, 6.1+): its state goes in {@code ich9_pm/pcihp}. */
    public void connectPciHotplug(AcpiPciHotplug controller) {
        this.pcihp = controller;
        this.schema = Ich9LpcSchema.schema(controller.variant(), release);
    }

    @Override
    public String sectionId() {
        return Ich9LpcSchema.SECTION;
    }

    @Override
    public VmStateDescription vmstate() {
        return schema;
    }

    @Override
    public StateNode state() {
        return Ich9LpcSchema.node(schema, this, Piix4PmSchema.apmOf(apm), cpuhp, pcihp);
    }

    @Override
    public void restore(StateNode s) throws BadInputException {
        try {
            byte[] cfg = PciDeviceSchema.config(s.getNode("d"));
            var apmState = AcpiSchemas.apm(s.getNode("apm"));
            StateNode pm = s.getNode("pm");
            StateNode cpuSub = pm.subsections().get("ich9_pm/cpuhp");
            CpuHotplugState cpuState = cpuSub == null ? null : CpuHotplugSchema.fromNode(cpuSub);
            CpuHotplugSchema.requireFits(cpuState, cpuhp);
            StateNode hpSub = pm.subsections().get("ich9_pm/pcihp");
            PciHotplugState hp = null;
            if (hpSub != null && pcihp != null) {
                long[] ups = new long[AcpiPciHotplug.MAX_BUS];
                long[] downs = new long[AcpiPciHotplug.MAX_BUS];
                AcpiSchemas.readStatus(hpSub.getArray("acpi_pci_hotplug.acpi_pcihp_pci_status"), ups, downs);
                hp = new PciHotplugState(hpSub.getLong("acpi_pci_hotplug.hotplug_select"), ups, downs,
                        hpSub.getLong("acpi_pci_hotplug.acpi_index"), pcihp.state().present());
            }
            StateNode smi = s.subsections().get("ICH9LPC/smi_feat");
            SmiFeaturesState smiState = new SmiFeaturesState(0, false, 0);
            if (smi != null) {
                byte[] req = new byte[8];
                Ich9LpcSchema.fill(req, smi.getArray("smi_guest_features_le"));
                long r = 0;
                for (int i = 0; i < 8; i++) {
                    r |= (req[i] & 0xffL) << (8 * i);
                }
                smiState = new SmiFeaturesState(r, smi.getLong("smi_features_ok") != 0,
                        smi.getLong("smi_negotiated_features"));
            }
            // Everything decoded: apply.
            config.load(cfg);
            AcpiSchemas.restorePm1AndTimer(regs, pm, "acpi_regs.");
            Ich9LpcSchema.fill(regs.gpeSts, pm.getArray("acpi_regs.gpe.sts"));
            Ich9LpcSchema.fill(regs.gpeEn, pm.getArray("acpi_regs.gpe.en"));
            restoreSmi(pm.getLong("smi_en"), pm.getLong("smi_sts"));
            if (apm != null) {
                apm.restore(apmState);
            }
            if (cpuhp != null && cpuState != null) {
                cpuhp.restore(cpuState);
            }
            if (hp != null) {
                pcihp.restore(hp);
            }
            smiFeatures.restore(smiState);
        } catch (IllegalStateException | IllegalArgumentException | ClassCastException e) {
            throw BadInputException.unreadable(Ich9LpcSchema.SECTION, e.getMessage(), e);
        }
    }

    /** The ACPI registers (for hotplug controllers raising GPE bits). */
    public AcpiRegs acpi() {
        return regs;
    }

    /** The LPC function's config space (registered with the PCI host ports at 00:1f.0). */
    public PciConfig config() {
        return config;
    }

    /** The SMI feature negotiation. */
    public SmiFeatures smiFeatures() {
        return smiFeatures;
    }

    /** SMI_EN. */
    public long smiEn() {
        return smiEn;
    }

    /** SMI_STS. */
    public long smiSts() {
        return smiSts;
    }

    /** Whether GEN_PMCON_1.SMI_LOCK made GBL_SMI_EN read-only. */
    public boolean smiLocked() {
        return (smiEnWmask & PmRegisters.SMI_EN_GBL) == 0;
    }

    /** Restores SMI registers (migration); the lock follows the restored config. */
    void restoreSmi(long en, long sts) {
        smiEn = en;
        smiSts = sts;
        smiEnWmask = 0xffffffffL;
        configWritten(GEN_PMCON_1, 2);
        updateMapping();
    }
}
