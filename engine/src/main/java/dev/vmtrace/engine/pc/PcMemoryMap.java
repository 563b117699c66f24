package dev.vmtrace.engine.pc;

import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;
import dev.vmtrace.engine.memory.Region;

/**
 * The memory map of a PC after creation (QEMU 7.2 {@code info mtree -f}, before firmware): RAM
 * below (and above) 4 GiB, the option ROM and BIOS windows, and the IOAPIC, HPET and APIC MSI
 * MMIO windows (unmodeled; their rules confirmed by qtest read shapes, {@code RegionMapShapeTest}).
 */
final class PcMemoryMap {
    private PcMemoryMap() {
    }

    static void build(MachineBuilder b) {
        long ram = b.config().memoryBytes();
        boolean q35 = b.type().family() == MachineFamily.Q35;
        // Where RAM stops below 4 GiB (pc_piix.c / pc_q35.c): q35 keeps 2 GiB once RAM reaches
        // 0xb0000000; i440fx keeps everything below 0xe0000000, else 3 GiB (gigabyte alignment,
        // machine types from 2.0) or 0xe0000000 (1.7 and older).
        long below;
        if (q35) {
            below = ram >= 0xb0000000L ? 0x80000000L : ram;
        } else if (ram >= 0xe0000000L) {
            below = b.type().version().atMost(1, 7) ? 0xe0000000L : 0xc0000000L;
        } else {
            below = ram;
        }
        Region pcRam = Region.ram("pc.ram", ram);
        b.mapMemory(0, Region.alias("ram-below-4g", pcRam, 0, below), 0);
        if (ram > below) {
            b.mapMemory(0x100000000L, Region.alias("ram-above-4g", pcRam, below, ram - below), 0);
        }
        b.mapMemory(0xc0000, Region.rom("pc.rom", 0x20000), 1);
        Region bios = Region.rom("pc.bios", 0x40000);
        b.mapMemory(0xe0000, Region.alias("isa-bios", bios, 0x20000, 0x20000), 1);
        b.mapMemory(0xfffc0000L, bios, 0);
        b.mapMemory(0xfec00000L, Region.unmodeled("ioapic", 0x1000, AccessRules.DEFAULT, Endianness.LITTLE), 0);
        // hpet: guest_errors says "invalid size (min:4 max:4)" for byte/word reads [RUN].
        b.mapMemory(0xfed00000L, Region.unmodeled("hpet", 0x400, AccessRules.valid(4, 4), Endianness.LITTLE), 0);
        b.mapMemory(0xfee00000L, Region.unmodeled("apic-msi", 0x100000, AccessRules.valid(1, 4).withImpl(1, 4),
                Endianness.LITTLE), 4096);
    }
}
