package dev.vmtrace.engine.devices.pm;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.devices.apm.ApmDevice;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplugSchema;
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
import dev.vmtrace.engine.memory.RegionSlot;
import java.util.Objects;

/**
 * PIIX4 power management, function 00:01.3 (hw/acpi/piix4.c; devices.md 3): config space with
 * PMBASE (0x40) and PMREGMISC (0x80, bit 0 maps the 64-byte PM block), the PM1/timer windows in
 * that block, the fixed GPE0 block at 0xafe0, and the APM chipset callback (0xf1/0xf0 toggle
 * SCI_EN; any other command raises an SMI on CPU 0 when config 0x5b bit 1 is set).
 */
public final class Piix4Pm implements Device, Migratable {
    /** Device name (QOM type). */
    public static final String NAME = "PIIX4_PM";
    /** Config: PMBASE. */
    public static final int PMBASE = 0x40;
    /** Config: PMREGMISC (bit 0: PM I/O enable). */
    public static final int PMREGMISC = 0x80;
    /** Config byte whose bit 1 enables the APM SMI. */
    public static final int APM_SMI_CONFIG = 0x5b;
    /** The address bits of PMBASE. */
    public static final int PMBASE_MASK = 0xffc0;
    /** APM command: ACPI enable. */
    public static final int APM_ACPI_ENABLE = 0xf1;
    /** APM command: ACPI disable. */
    public static final int APM_ACPI_DISABLE = 0xf0;

    /** The function's power-on config space as QEMU 7.2 shows it. */
    static final byte[] RESET_CONFIG = PciConfig.image(0x71138086L, 0x02800000L, 0x06800003L, 0, 0, 0, 0, 0, 0, 0, 0,
            0x11001af4L, 0, 0, 0, 0x100, 0x1, 0, 0, 0, 0, 0, 0, 0x10000000L, 0x60000000L, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0xb101, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x90000);

    private final DeviceContext context;
    private final AcpiRegs regs;
    private final PciConfig config = new PciConfig(RESET_CONFIG);
    private RegionSlot pmSlot;
    private ApmDevice apm;
    private CpuHotplug cpuhp;
    private AcpiPciHotplug pcihp;
    private boolean bridge = true;
    private boolean notMigrateAcpiIndex;
    private boolean smbusMigration = true;
    private final Release release;
    private VmStateDescription schema;

    /** PIIX4 PM of {@code release} with SMM {@code smm}. */
    public Piix4Pm(DeviceContext context, Release release, boolean smm) {
        this.context = Objects.requireNonNull(context, "context");
        this.release = Objects.requireNonNull(release, "release");
        this.schema = Piix4PmSchema.schema(PciHotplugVariant.of(release), release);
        this.regs = new AcpiRegs(NAME, context, PmRegisters.PIIX4_GPE0_LEN, 2);
        regs.setAcpiOnly(!smm);
        config.setListener(this::configWritten);
    }

    /** Gives the device the slot of its PM container ({@code piix4-pm}). */
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
        updateMapping();
    }

    private void configWritten(int offset, int size) {
        if (PciConfig.overlaps(offset, size, PMREGMISC, 1) || PciConfig.overlaps(offset, size, PMBASE, 4)) {
            updateMapping();
        }
    }

    void updateMapping() {
        if (pmSlot == null) {
            return;
        }
        boolean on = (config.read(PMREGMISC, 1) & 1) != 0;
        long base = config.read(PMBASE, 4) & PMBASE_MASK;
        if (on && base != pmSlot.offset()) {
            pmSlot.mapAt(base);
        }
        pmSlot.region().setEnabled(on);
    }

    /** The APM chipset callback (QEMU's piix4 apm_ctrl_changed). */
    public void apmControl(int value) {
        if (value == APM_ACPI_ENABLE || value == APM_ACPI_DISABLE) {
            regs.setSciEnable(value == APM_ACPI_ENABLE);
            return;
        }
        if ((config.read(APM_SMI_CONFIG, 1) & 0x02) != 0) {
            context.emit(new DeviceEvent(NAME, DeviceEvent.SMI, value, 0));
        }
    }

    /** Connects the parts QEMU migrates inside {@code piix4_pm} (APM, CPU hotplug). */
    public void connect(ApmDevice apmDevice, CpuHotplug cpuHotplug) {
        this.apm = apmDevice;
        this.cpuhp = cpuHotplug;
    }

    /** Connects the PCI hotplug controller and the layout switches of the migrated state. */
    public void connectPciHotplug(AcpiPciHotplug controller, boolean bridgeMode, boolean notMigrateIndex) {
        this.pcihp = controller;
        this.bridge = bridgeMode;
        this.notMigrateAcpiIndex = notMigrateIndex;
        this.schema = Piix4PmSchema.schema(controller.variant(), release);
    }

    /** Whether the SMBus state is migrated (machine types from 4.0). */
    public void setSmbusMigration(boolean on) {
        this.smbusMigration = on;
    }

    @Override
    public String sectionId() {
        return Piix4PmSchema.SECTION;
    }

    @Override
    public VmStateDescription vmstate() {
        return schema;
    }

    @Override
    public StateNode state() {
        return Piix4PmSchema.node(schema, this, Piix4PmSchema.apmOf(apm), cpuhp, pcihp, bridge, notMigrateAcpiIndex,
                smbusMigration);
    }

    @Override
    public void restore(StateNode s) throws BadInputException {
        try {
            byte[] cfg = PciDeviceSchema.config(s.getNode("parent_obj"));
            StateNode gpe = s.getNode("ar.gpe");
            PciHotplugState hp = null;
            if (pcihp != null) {
                long[] ups = new long[AcpiPciHotplug.MAX_BUS];
                long[] downs = new long[AcpiPciHotplug.MAX_BUS];
                long select = 0;
                long index = 0;
                if (bridge) {
                    AcpiSchemas.readStatus(s.getArray("acpi_pci_hotplug.acpi_pcihp_pci_status"), ups, downs);
                    select = s.getLong("acpi_pci_hotplug.hotplug_select");
                    index = s.find("acpi_pci_hotplug.acpi_index") != null ? s.getLong("acpi_pci_hotplug.acpi_index") : 0;
                } else {
                    StateNode st = s.getNode("acpi_pci_hotplug.acpi_pcihp_pci_status[0x0]");
                    ups[0] = st.getLong("up");
                    downs[0] = st.getLong("down");
                }
                hp = new PciHotplugState(select, ups, downs, index, pcihp.state().present());
            }
            StateNode cpuSub = s.subsections().get("piix4_pm/cpuhp");
            var cpuState = cpuSub == null ? null : CpuHotplugSchema.fromNode(cpuSub);
            var apmState = AcpiSchemas.apm(s.getNode("apm"));
            CpuHotplugSchema.requireFits(cpuState, cpuhp);
            // Everything decoded: apply.
            config.load(cfg);
            AcpiSchemas.restorePm1AndTimer(regs, s, "ar.");
            Piix4PmSchema.setU16(regs.gpeSts, gpe.getLong("sts"));
            Piix4PmSchema.setU16(regs.gpeEn, gpe.getLong("en"));
            if (apm != null) {
                apm.restore(apmState);
            }
            if (pcihp != null) {
                pcihp.restore(hp);
            }
            if (cpuhp != null && cpuState != null) {
                cpuhp.restore(cpuState);
            }
            updateMapping();
        } catch (IllegalStateException | IllegalArgumentException | ClassCastException e) {
            throw BadInputException.unreadable(Piix4PmSchema.SECTION, e.getMessage(), e);
        }
    }

    /** The ACPI registers. */
    public AcpiRegs acpi() {
        return regs;
    }

    /** The function's config space (registered at 00:01.3). */
    public PciConfig config() {
        return config;
    }
}
