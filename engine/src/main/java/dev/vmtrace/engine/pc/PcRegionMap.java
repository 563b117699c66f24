package dev.vmtrace.engine.pc;

import dev.vmtrace.engine.devices.fwcfg.FwCfgPart;
import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachinePart;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * The base region map of pc-i440fx and pc-q35 as QEMU 7.2 has it after machine creation, before
 * firmware runs ({@code info mtree} with {@code -S}): every I/O region with its access rules, as an
 * unmodeled placeholder that device packages replace with their models (found by name through
 * {@link MachineBuilder#ioSlot}). The rules marked RUN were confirmed by probe traces
 * ({@code -trace memory_region_ops_* -d guest_errors}) under qtest; see docs/machines.md.
 */
public final class PcRegionMap implements MachinePart {
    private static final AccessRules IMPL_1 = AccessRules.impl(1, 1);
    private static final String RUN = "RUN";
    private static final String READ = "READ";

    /** Regions both families have at the same place. */
    public static final List<IoDecl> COMMON_IO = List.of(
            IoDecl.of("dma-chan", 0x00, 8, IMPL_1, RUN),
            IoDecl.of("dma-cont", 0x08, 8, IMPL_1, RUN),
            IoDecl.of("pic", 0x20, 2, IMPL_1, RUN),
            IoDecl.of("pit", 0x40, 4, IMPL_1, RUN),
            IoDecl.of("i8042-data", 0x60, 1, IMPL_1, RUN),
            IoDecl.of("pcspk", 0x61, 1, IMPL_1, RUN),
            IoDecl.of("i8042-cmd", 0x64, 1, IMPL_1, RUN),
            IoDecl.of("kvmvapic", 0x7e, 2, AccessRules.DEFAULT, RUN),
            IoDecl.of("ioport80", 0x80, 1, IMPL_1, RUN),
            IoDecl.of("dma-page", 0x81, 3, AccessRules.PORTIO, RUN),
            IoDecl.of("dma-page", 0x87, 1, AccessRules.PORTIO, RUN),
            IoDecl.of("dma-page", 0x89, 3, AccessRules.PORTIO, RUN),
            IoDecl.of("dma-page", 0x8f, 1, AccessRules.PORTIO, RUN),
            IoDecl.of("port92", 0x92, 1, IMPL_1, RUN),
            IoDecl.of("pic", 0xa0, 2, IMPL_1, RUN),
            IoDecl.of("apm-io", 0xb2, 2, IMPL_1, RUN),
            IoDecl.of("dma-chan", 0xc0, 16, IMPL_1, RUN),
            IoDecl.of("dma-cont", 0xd0, 16, IMPL_1, RUN),
            IoDecl.of("ioportF0", 0xf0, 1, IMPL_1, RUN),
            IoDecl.of("elcr", 0x4d0, 1, IMPL_1, RUN),
            IoDecl.of("elcr", 0x4d1, 1, IMPL_1, RUN),
            // fw_cfg_comb_valid: reads only as bytes, writes as bytes or a word at offset 0.
            IoDecl.of("fwcfg", 0x510, 2, AccessRules.DEFAULT.withAccepts(
                    (off, size, write) -> size == 1 || (write && size == 2 && off == 0)), RUN),
            // fw_cfg_dma_mem_valid: reads anything, writes 4 bytes at 0 or 4, or 8 bytes at 0.
            IoDecl.of("fwcfg.dma", 0x514, 8, new AccessRules(0, 8, false,
                    (off, size, write) -> !write || (size == 4 && (off == 0 || off == 4)) || (size == 8 && off == 0),
                    0, 8, false), RUN).endian(Endianness.BIG),
            IoDecl.of("pci-conf-idx", 0xcf8, 4, AccessRules.DEFAULT, RUN),
            IoDecl.of("pci-conf-data", 0xcfc, 4, AccessRules.DEFAULT, RUN),
            IoDecl.of("vmport", 0x5658, 1, AccessRules.impl(4, 4), READ));

    /** Regions only pc-q35 has (for 7.2; see {@link #q35Io}). */
    public static final List<IoDecl> Q35_IO = List.of(
            IoDecl.of("acpi-pci-hotplug", 0xcc0, 0x18, AccessRules.valid(4, 4), RUN),
            IoDecl.of("lpc-reset-control", 0xcf9, 1, AccessRules.DEFAULT, RUN).priority(1));

    /** Regions only pc-i440fx has. */
    public static final List<IoDecl> I440FX_IO = List.of(
            IoDecl.of("ide", 0x170, 8, AccessRules.PORTIO, RUN),
            IoDecl.of("ide", 0x1f0, 8, AccessRules.PORTIO, RUN),
            IoDecl.of("ide", 0x376, 1, AccessRules.PORTIO, RUN),
            IoDecl.of("fdc", 0x3f1, 5, AccessRules.PORTIO, RUN),
            IoDecl.of("ide", 0x3f6, 1, AccessRules.PORTIO, RUN),
            IoDecl.of("fdc", 0x3f7, 1, AccessRules.PORTIO, RUN),
            IoDecl.of("piix3-reset-control", 0xcf9, 1, IMPL_1, RUN).priority(1),
            IoDecl.of("acpi-pci-hotplug", 0xae00, 0x18, AccessRules.valid(4, 4), RUN),
            IoDecl.of("acpi-gpe0", 0xafe0, 4, AccessRules.valid(1, 4).withImpl(1, 1), RUN),
            IoDecl.of("pm-smbus", 0xb100, 0x40, AccessRules.valid(1, 1), READ));

    /** ICH9 PM block (container {@code ich9-pm}, 128 bytes at PMBASE, disabled until PMBASE is set). */
    public static final List<IoDecl> ICH9_PM = List.of(
            IoDecl.of("acpi-evt", 0x00, 4, AccessRules.valid(1, 2).withImpl(2, 0), RUN),
            IoDecl.of("acpi-cnt", 0x04, 2, AccessRules.valid(1, 2).withImpl(2, 0), RUN),
            IoDecl.of("acpi-tmr", 0x08, 4, AccessRules.valid(1, 4).withImpl(4, 0), RUN),
            IoDecl.of("acpi-gpe0", 0x20, 16, AccessRules.valid(1, 4).withImpl(1, 1), RUN),
            IoDecl.of("acpi-smi", 0x30, 8, AccessRules.valid(4, 4), RUN),
            IoDecl.of("sm-tco", 0x60, 32, AccessRules.valid(1, 4).withImpl(1, 2), RUN));

    /** PIIX4 PM block (container {@code piix4-pm}, 64 bytes at PMBASE, disabled until set). */
    public static final List<IoDecl> PIIX4_PM = List.of(
            IoDecl.of("acpi-evt", 0x00, 4, AccessRules.valid(1, 2).withImpl(2, 0), RUN),
            IoDecl.of("acpi-cnt", 0x04, 2, AccessRules.valid(1, 2).withImpl(2, 0), RUN),
            IoDecl.of("acpi-tmr", 0x08, 4, AccessRules.valid(1, 4).withImpl(4, 0), RUN));

    @Override
    public String id() {
        return "pc-region-map";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public void build(MachineBuilder b) {
        MachineFamily f = b.type().family();
        if (f == MachineFamily.VIRT) {
            return;
        }
        List<IoDecl> io = new ArrayList<>();
        for (IoDecl d : COMMON_IO) {
            // fw_cfg's DMA window exists from machine type 2.5 ([RUN] info mtree -f); the property
            // belongs to the fw_cfg device package.
            if (!d.name().equals("fwcfg.dma") || b.property(FwCfgPart.DMA_ENABLED)) {
                io.add(d);
            }
        }
        io.addAll(f == MachineFamily.Q35 ? q35Io(b) : I440FX_IO);
        io.add(cpuHotplugLegacy(f == MachineFamily.Q35 ? 0xcd8 : 0xaf00, b.release()));
        for (IoDecl d : io) {
            b.mapIo(d.base(), d.placeholder(), d.priority());
        }
        // The RTC: 2 bytes at 0x70 with the index port as its own subregion.
        Region rtc = Region.unmodeled("rtc", 2, IMPL_1, Endianness.LITTLE);
        b.registerIoSlot(rtc.add(0, Region.unmodeled("rtc-index", 1, IMPL_1, Endianness.LITTLE)));
        b.mapIo(0x70, rtc, 0);
        // The PM block is mapped at 0 and disabled until firmware writes PMBASE (the PM device part
        // enables it and moves it with RegionSlot.mapAt).
        boolean q35 = f == MachineFamily.Q35;
        Region pm = Region.container(q35 ? "ich9-pm" : "piix4-pm", q35 ? 0x80 : 0x40);
        for (IoDecl d : q35 ? ICH9_PM : PIIX4_PM) {
            b.registerIoSlot(pm.add(d.base(), d.placeholder(), d.priority()));
        }
        pm.setEnabled(false);
        b.mapIo(0, pm, 0);
        PcMemoryMap.build(b);
    }

    private static List<IoDecl> q35Io(MachineBuilder b) {
        List<IoDecl> out = new ArrayList<>();
        for (IoDecl d : Q35_IO) {
            if (d.name().equals("acpi-pci-hotplug") && !b.property(PcCompat.ICH9_PCIHP_BRIDGE)) {
                continue;
            }
            out.add(d);
        }
        return out;
    }

    /**
     * The legacy CPU-hotplug block: valid 1..4 with impl 1..1 from 7.2.1 (Laszlo Ersek's fix,
     * backported); before that valid 1..1 with default impl.
     */
    public static IoDecl cpuHotplugLegacy(long base, Release release) {
        AccessRules rules = release.atLeast(7, 2, 1) ? AccessRules.valid(1, 4).withImpl(1, 1) : AccessRules.valid(1, 1);
        return IoDecl.of("acpi-cpu-hotplug", base, 32, rules, release.atLeast(7, 2, 1) ? RUN : READ);
    }

    /** The slot of the PM container, for the PM device part. */
    public static RegionSlot pmSlot(MachineBuilder b) {
        RegionSlot s = b.ioSlot("ich9-pm");
        return s != null ? s : b.ioSlot("piix4-pm");
    }
}
