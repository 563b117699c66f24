package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgMigration;
import dev.vmtrace.engine.devices.mch.Q35Mch;
import dev.vmtrace.engine.devices.pci.PcieMmcfg;
import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachinePart;

/**
 * The machine-done step that builds the ACPI blobs (QEMU's {@code acpi_setup}): runs after every
 * device part ({@link #ORDER}), builds {@link AcpiBuildState} from the configuration and adds the
 * blobs to fw_cfg. Claims {@code --device nvdimm} and {@code --device pci-bridge} (the tables
 * describe them; see {@link AcpiBlobSizing#hardware}). On q35 the tables follow the host
 * bridge's MMCONFIG window: a build while PCIEXBAR has it enabled gets the MCFG table.
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
