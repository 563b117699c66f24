package dev.vmtrace.samples.scenario.s4;

import dev.vmtrace.engine.acpi.AcpiBuildState;
import dev.vmtrace.engine.acpi.AcpiFiles;
import dev.vmtrace.engine.acpi.AcpiHardware;
import dev.vmtrace.engine.acpi.DeviceFwCfgAccess;
import dev.vmtrace.engine.acpi.FirmwareLoader;
import dev.vmtrace.engine.acpi.LoaderFinding;
import dev.vmtrace.engine.acpi.LoaderResult;
import dev.vmtrace.engine.acpi.RamBlockInfo;
import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgItem;
import dev.vmtrace.engine.devices.mch.Q35Mch;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.samples.scenario.Expectation;
import dev.vmtrace.samples.scenario.Story;
import dev.vmtrace.samples.scenario.StoryFinding;
import dev.vmtrace.samples.scenario.StoryResources;
import dev.vmtrace.samples.scenario.StoryResult;
import dev.vmtrace.samples.scenario.VariantVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Story S4 (seed 004): ACPI blobs that change size at the rebuild after a reboot. The workload
 * hot-adds an NVDIMM (the rebuilt tables gain an NFIT) and reboots; each boot runs OVMF's
 * linker/loader checks. ARM virt before QEMU 5.0 neither pads the tables nor tells fw_cfg about a
 * size change within a host page, so the firmware sees the stale size and rejects the checksum
 * command; padded x86, QEMU 5.0's resize notification and virt's padding from 6.0 are clean.
 */
public final class S4AcpiBlobStory implements Story {
    static final String WORKLOAD = "scenarios/S4/nvdimm-hotadd-reboot.workload";

    /** The variants: machine type on a release. */
    static final List<String[]> VARIANTS = List.of(
            new String[] {"virt-4.0", "4.0"},
            new String[] {"virt-4.0", "5.0"},
            new String[] {"virt-6.0", "6.0"},
            new String[] {"pc-q35-4.0", "4.0"},
            new String[] {"pc-q35-7.2", "7.2.22"});

    @Override
    public String id() {
        return "S4";
    }

    @Override
    public String title() {
        return "ACPI blobs that change size at reboot: firmware checksum ranges vs fw_cfg sizes";
    }

    @Override
    public StoryResult run() throws BadInputException {
        List<Workload.Step> steps = Workload.parse(WORKLOAD, StoryResources.text(WORKLOAD));
        List<VariantVerdict> verdicts = new ArrayList<>();
        List<StoryFinding> findings = new ArrayList<>();
        for (String[] v : VARIANTS) {
            String variant = v[0] + " on QEMU " + v[1];
            List<StoryFinding> f = runVariant(variant, v[0], Release.parse(v[1]), steps);
            findings.addAll(f);
            long errors = f.stream().filter(StoryFinding::isError).count();
            verdicts.add(new VariantVerdict(variant, errors > 0, errors == 0
                    ? "every boot installed the tables" : "the firmware rejected the ACPI linker/loader script"));
        }
        return Expectation.load(id()).judge(title(), verdicts, findings);
    }

    static List<StoryFinding> runVariant(String variant, String type, Release release, List<Workload.Step> steps)
            throws BadInputException {
        Machine m = null;
        List<StoryFinding> out = new ArrayList<>();
        FirmwareLoader ovmf = new FirmwareLoader(FirmwareLoader.Firmware.OVMF);
        int boot = 0;
        for (Workload.Step s : steps) {
            if (s.op().equals("machine")) {
                try {
                    m = Machine.build(MachineConfig.parse(type + "," + s.arg(0), "1", null, List.of(), List.of(), release,
                            Accel.KVM, null));
                } catch (MachineConfigException e) {
                    throw BadInputException.atLine(WORKLOAD, s.line(), e.getMessage());
                }
                continue;
            }
            if (m == null) {
                throw BadInputException.atLine(WORKLOAD, s.line(), "'machine' must come first");
            }
            AcpiBuildState acpi = m.device(AcpiBuildState.class);
            FwCfgDevice fw = m.device(FwCfgDevice.class);
            switch (s.op()) {
                case "boot":
                    boot++;
                    enableMmconfig(m);
                    LoaderResult r = ovmf.load(new DeviceFwCfgAccess(fw));
                    stale(variant, boot, acpi, fw, out);
                    for (LoaderFinding lf : r.findings()) {
                        if (lf.severity().equals("error")) {
                            out.add(StoryFinding.error("LOADER_" + lf.code().toUpperCase(Locale.ROOT).replace('-', '_'),
                                    variant, lf.file(), lf.message(), "boot " + boot + ": "
                                            + String.join(" | ", r.log().subList(Math.max(0, r.log().size() - 4), r.log().size()))));
                        }
                    }
                    out.add(StoryFinding.info("ACPI_TABLES", variant, AcpiFiles.TABLES, "boot " + boot
                            + ": the firmware installed these tables", String.join(" ",
                            r.installed().stream().map(LoaderResult.InstalledTable::signature).toList())));
                    for (RamBlockInfo b : acpi.ramBlocks().subList(0, 1)) {
                        out.add(StoryFinding.info("ACPI_RAM_BLOCK", variant, b.name(), "boot " + boot + ": rule "
                                + acpi.rule().name(), String.format("used 0x%x max 0x%x", b.usedLength(), b.maxLength())));
                    }
                    break;
                case "hotplug":
                    hotplug(s, acpi);
                    break;
                case "reset":
                    m.reset();
                    break;
                default:
                    throw BadInputException.atLine(WORKLOAD, s.line(), "unknown step '" + s.op() + "'");
            }
        }
        return out;
    }

    /**
     * On q35, what OVMF's PlatformPei does before any ACPI blob is read: PCIEXBAR at 0xb0000000,
     * 256 MiB, enabled (high dword first). The rebuild the loader's first select triggers then
     * has the MCFG table, as on a real boot.
     */
    private static void enableMmconfig(Machine m) {
        Q35Mch mch = m.device(Q35Mch.class);
        if (mch != null) {
            mch.config().write(0x64, 0, 4);
            mch.config().write(0x60, 0xb0000001L, 4);
        }
    }

    /** After a boot the blobs were rebuilt: the directory must report the tables region's size. */
    private static void stale(String variant, int boot, AcpiBuildState acpi, FwCfgDevice fw, List<StoryFinding> out) {
        FwCfgItem tables = fw.file(AcpiFiles.TABLES);
        long region = acpi.regionSizes()[0];
        if (tables.size() != region) {
            out.add(StoryFinding.error("FW_CFG_SIZE_STALE", variant, AcpiFiles.TABLES,
                    "the fw_cfg directory kept the size from before the rebuild: the RAM block's used length did not"
                            + " change, so nobody told fw_cfg", String.format("boot %d: directory 0x%x, tables 0x%x, rule %s",
                            boot, tables.size(), region, acpi.rule().name())));
        }
    }

    private static void hotplug(Workload.Step s, AcpiBuildState acpi) throws BadInputException {
        try {
            if (s.arg(0).equals("nvdimm")) {
                String memdev = s.option("memdev", "m0");
                acpi.hardware().addBackend(new AcpiHardware.MemoryBackend(memdev,
                        MachineConfig.parseSize(s.option("size", "16M"))));
                acpi.hardware().plugNvdimm(new AcpiHardware.Nvdimm(s.option("id", "nv0"), memdev));
            } else if (s.arg(0).equals("pci-bridge")) {
                acpi.hardware().plugPciBridge();
            } else {
                throw BadInputException.atLine(WORKLOAD, s.line(), "cannot hot-plug '" + s.arg(0) + "'");
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw BadInputException.atLine(WORKLOAD, s.line(), e.getMessage());
        }
    }
}
