package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgMigration;
import dev.vmtrace.engine.devices.mch.Q35Mch;
import dev.vmtrace.engine.devices.pci.PcieMmcfg;
import dev.vmtrace.engine.devices.pm.Ich9Pm;
import dev.vmtrace.engine.devices.pm.Piix4Pm;
import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachinePart;

/**
 * The machine-done step that builds the ACPI blobs (QEMU's {@code acpi_setup}): runs after every
 * device part ({@link #ORDER}), builds {@link AcpiBuildState} from the configuration and adds the
 * blobs to fw_cfg. Claims {@code --device nvdimm} and {@code --device pci-bridge} (the tables
 * describe them; see {@link AcpiBlobSizing#hardware}). On q35 the tables follow the host
 * bridge's MMCONFIG window: a build while PCIEXBAR has it enabled gets the MCFG table; the FADT's
 * PM blocks follow the PM function's PMBASE.
 */
public final class AcpiPart implements MachinePart {
    /** Build order: last, as QEMU's machine-done notifier. */
    public static final int ORDER = 1000;

    @Override
    public String id() {
        return "acpi";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void build(MachineBuilder b) {
        FwCfgDevice fw = b.device(FwCfgDevice.class);
        if (fw == null) {
            return;
        }
        b.claimDevices("nvdimm");
        b.claimDevices("pci-bridge");
        AcpiHardware hw = AcpiBlobSizing.hardware(b.type(), b.config());
        Q35Mch mch = b.device(Q35Mch.class);
        if (mch != null) {
            PcieMmcfg window = mch.mmcfg();
            hw.attachMmconfig(() -> window.mapped() ? new PciMmconfig(window.base(), window.size()) : null);
        }
        // QEMU's pm_io_base: ICH9 takes PMBASE only while ACPI_CNTL.ACPI_EN is set; PIIX4 takes
        // PMBASE whether or not PMREGMISC enables the block.
        Ich9Pm ich9 = b.device(Ich9Pm.class);
        Piix4Pm piix4 = b.device(Piix4Pm.class);
        if (ich9 != null) {
            hw.attachPmIoBase(() -> (ich9.config().read(Ich9Pm.ACPI_CNTL, 1) & 0x80) != 0
                    ? ich9.config().read(Ich9Pm.PMBASE, 4) & Ich9Pm.PMBASE_MASK : 0);
        } else if (piix4 != null) {
            hw.attachPmIoBase(() -> piix4.config().read(Piix4Pm.PMBASE, 4) & Piix4Pm.PMBASE_MASK);
        }
        if (hw.nvdimmEnabled()) {
            // nvdimm_init_acpi_state: the DSM page the NVDIMM SSDT points at.
            fw.addFile(AcpiFiles.NVDIMM_DSM, new byte[4096]);
        }
        AcpiBuildState state = b.addDevice(new AcpiBuildState(hw, AcpiBlobSizing.rule(b.type(), b.release()), b.release()));
        state.setup(fw);
        FwCfgMigration section = fw.migration();
        {
            section.attachAcpi(new FwCfgMigration.AcpiRegions() {
                @Override
                public long[] sizes() {
                    return state.regionSizes();
                }

                @Override
                public boolean restore() {
                    return state.rule().acpiMrRestore();
                }

                @Override
                public String resize(long[] sizes) {
                    try {
                        state.restoreRegionSizes(sizes);
                        return null;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                }
            });
        }
    }
}
