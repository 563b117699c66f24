package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.devices.fwcfg.PcFwCfgContent;
import dev.vmtrace.engine.machine.DeviceOption;
import dev.vmtrace.engine.machine.MachineCatalog;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachineType;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.pc.PcCompat;
import java.util.ArrayList;
import java.util.List;

/**
 * ACPI blob sizing facts for other modules (the compat checker's RAM-block rules): which rule a
 * machine type of a release follows, and the fw_cfg sizes and RAM-block used/max lengths its
 * blobs get for a configuration.
 *
 * <pre>{@code
 * AcpiBlobSizes s = AcpiBlobSizing.forMachine(MachineConfig.parse("pc-i440fx-2.0", "1,maxcpus=255", ...));
 * s.rule().name();                     // "pc-legacy-fixed"
 * s.blob("etc/acpi/tables").usedLength() // 0x9000
 * }</pre>
 */
public final class AcpiBlobSizing {
    private AcpiBlobSizing() {
    }

    /** The sizing rule of {@code type} on {@code release}. */
    public static AcpiSizingRule rule(MachineType type, Release release) {
        boolean resizable = release.atLeast(2, 3, 0);
        boolean notify = release.atLeast(5, 0, 0);
        boolean mrRestore = release.atLeast(5, 0, 0) && type.get(PcCompat.FW_CFG_ACPI_MR_RESTORE);
        if (type.family() == MachineFamily.VIRT) {
            // hw_compat_4_2 (acpi-mr-restore off) applies to virt machine types too.
            mrRestore = release.atLeast(5, 0, 0) && !type.version().atMost(4, 2);
            if (release.atLeast(6, 0, 0)) {
                return new AcpiSizingRule("virt-padded-128k", AcpiSizingRule.Kind.PADDED, 0, false, true, resizable,
                        notify, mrRestore, "428d687617 'acpi: Align the size to 128k' (v6.0.0), every virt machine type");
            }
            return new AcpiSizingRule("virt-unpadded", AcpiSizingRule.Kind.UNPADDED, 0, false, true, resizable, notify,
                    mrRestore, "hw/arm/virt-acpi-build.c before v6.0.0: exact table length, no padding");
        }
        boolean rsdpInRam = type.get(PcCompat.RSDP_IN_RAM);
        long legacy = type.get(PcCompat.LEGACY_ACPI_TABLE_SIZE);
        if (legacy > 0) {
            return new AcpiSizingRule("pc-legacy-fixed", AcpiSizingRule.Kind.LEGACY_FIXED, (int) legacy, true, rsdpInRam,
                    resizable, notify, mrRestore,
                    "07fb61760cde 'pc: hack for migration compatibility from QEMU 2.0'; legacy_acpi_table_size "
                            + legacy);
        }
        return new AcpiSizingRule("pc-padded-128k", AcpiSizingRule.Kind.PADDED, 0, true, rsdpInRam, resizable, notify,
                mrRestore, "hw/i386/acpi-build.c acpi_build: ACPI_BUILD_TABLE_SIZE 0x20000 (machine types from 2.1)");
    }

    /** Sizes for a configuration (machine type resolved with the standard catalogue). */
    public static AcpiBlobSizes forMachine(MachineConfig config) {
        MachineType type = MachineCatalog.standard().resolve(config.machine(), config.release());
        if (type == null) {
            throw new MachineConfigException("QEMU " + config.release() + " has no machine type '" + config.machine() + "'");
        }
        return forMachine(type, config);
    }

    /** Sizes for {@code config} on machine type {@code type}. */
    public static AcpiBlobSizes forMachine(MachineType type, MachineConfig config) {
        return forHardware(type, config.release(), hardware(type, config));
    }

    /** Sizes of the first build for {@code hw}. */
    public static AcpiBlobSizes forHardware(MachineType type, Release release, AcpiHardware hw) {
        AcpiSizingRule rule = rule(type, release);
        AcpiBuildResult r = build(hw, release);
        int tables = rule.tablesLength(r.tables().length(), r.amlLength(), hw.maxCpus());
        int loader = rule.loaderLength(r.loader().length());
        List<AcpiBlobSizes.BlobSize> blobs = new ArrayList<>();
        blobs.add(blob(AcpiFiles.TABLES, tables, AcpiSizingRule.TABLES_MAX, rule));
        blobs.add(blob(AcpiFiles.LOADER, loader, AcpiSizingRule.LOADER_MAX, rule));
        if (rule.rsdpInRam()) {
            blobs.add(blob(AcpiFiles.RSDP, r.rsdp().length(), AcpiSizingRule.RSDP_MAX, rule));
        } else {
            blobs.add(new AcpiBlobSizes.BlobSize(AcpiFiles.RSDP, null, AcpiSizingRule.RSDP_FILE_SIZE, 0, 0));
        }
        return new AcpiBlobSizes(type.name(), release, rule, r.tables().length(), blobs);
    }

    private static AcpiBlobSizes.BlobSize blob(String file, int size, long max, AcpiSizingRule rule) {
        long used = AcpiSizingRule.roundUp(size, AcpiSizingRule.ALIGN);
        return new AcpiBlobSizes.BlobSize(file, AcpiFiles.ramBlockName(file), size, used,
                rule.resizable() ? Math.max(max, used) : used);
    }

    /** Builds the tables of the platform family of {@code hw}. */
    public static AcpiBuildResult build(AcpiHardware hw) {
        return build(hw, Release.DEFAULT);
    }

    /** Builds the tables of the platform family of {@code hw} as {@code release} does. */
    public static AcpiBuildResult build(AcpiHardware hw, Release release) {
        return hw.family() == MachineFamily.VIRT ? VirtAcpiBuilder.build(hw)
                : PcAcpiBuilder.build(hw, release.atLeast(5, 0, 0));
    }

    /**
     * The ACPI-relevant hardware of {@code config}: CPUs, {@code nvdimm=on}, memory slots (the
     * machine option {@code slots}, standing in for {@code -m ...,slots=N}; default: one per
     * NVDIMM), {@code --device nvdimm,id=ID,memdev=M[,size=S]} (size: the backend's size, default
     * 16 MiB, since vmtrace has no {@code -object}) and {@code --device pci-bridge}.
     */
    public static AcpiHardware hardware(MachineType type, MachineConfig config) {
        boolean nvdimm = "on".equals(config.machineOption("nvdimm", "off"));
        List<DeviceOption> nvdimms = new ArrayList<>();
        int bridges = 0;
        for (DeviceOption d : config.devices()) {
            if (d.driver().equals("nvdimm")) {
                nvdimms.add(d);
            } else if (d.driver().equals("pci-bridge")) {
                bridges++;
            }
        }
        int slots;
        try {
            slots = Integer.parseInt(config.machineOption("slots", Integer.toString(nvdimms.size())));
        } catch (NumberFormatException e) {
            throw new MachineConfigException("-M slots=: not a number");
        }
        int possible = type.family() == MachineFamily.VIRT ? config.maxCpus() : PcFwCfgContent.apicIdLimit(config);
        AcpiHardware hw = new AcpiHardware(type.family(), config.cpus(), possible, nvdimm, slots);
        for (int i = 0; i < nvdimms.size(); i++) {
            DeviceOption d = nvdimms.get(i);
            String memdev = d.properties().getOrDefault("memdev", "nvdimm-mem" + i);
            long size = MachineConfig.parseSize(d.properties().getOrDefault("size", "16M"));
            hw.addBackend(new AcpiHardware.MemoryBackend(memdev, size));
            try {
                hw.plugNvdimm(new AcpiHardware.Nvdimm(d.properties().getOrDefault("id", "nvdimm" + i), memdev));
            } catch (IllegalStateException e) {
                throw new MachineConfigException("--device nvdimm: " + e.getMessage());
            }
        }
        for (int i = 0; i < bridges; i++) {
            hw.plugPciBridge();
        }
        return hw;
    }
}
