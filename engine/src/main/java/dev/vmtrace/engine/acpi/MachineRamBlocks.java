package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The RAM block list of a built machine, in QEMU's order ({@code info ramblock} and the stream's
 * block list): sorted by max length, biggest first, blocks of equal max length in creation order.
 * PC blocks: memory backends, {@code pc.ram}, {@code pc.bios} (0x40000, the 256 KiB SeaBIOS),
 * {@code pc.rom} (0x20000), then the ACPI blobs. ARM virt: {@code mach-virt.ram}, backends and the
 * ACPI blobs only (flash and other virt blocks are not modeled).
 */
public final class MachineRamBlocks {
    private MachineRamBlocks() {
    }

    /** Size of {@code pc.bios} with the default firmware. */
    public static final long PC_BIOS = 0x40000;
    /** Size of {@code pc.rom}. */
    public static final long PC_ROM = 0x20000;

    /** The block list a migration stream's RAM section carries for {@code m} (ids and used lengths). */
    public static List<dev.vmtrace.engine.stream.RamBlock> streamBlocks(Machine m) {
        List<dev.vmtrace.engine.stream.RamBlock> out = new ArrayList<>();
        for (RamBlockInfo b : of(m)) {
            out.add(new dev.vmtrace.engine.stream.RamBlock(b.name(), b.usedLength()));
        }
        return out;
    }

    /** The blocks of {@code m} as they are now (ACPI blobs at their current used length). */
    public static List<RamBlockInfo> of(Machine m) {
        List<RamBlockInfo> created = new ArrayList<>();
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        if (acpi != null) {
            for (AcpiHardware.MemoryBackend b : acpi.hardware().backends()) {
                created.add(new RamBlockInfo(b.id(), b.size(), b.size(), false));
            }
        }
        long ram = m.config().memoryBytes();
        if (m.type().family() == MachineFamily.VIRT) {
            created.add(new RamBlockInfo("mach-virt.ram", ram, ram, false));
        } else {
            created.add(new RamBlockInfo("pc.ram", ram, ram, false));
            created.add(new RamBlockInfo("pc.bios", PC_BIOS, PC_BIOS, false));
            created.add(new RamBlockInfo("pc.rom", PC_ROM, PC_ROM, false));
        }
        if (acpi != null) {
            created.addAll(acpi.ramBlocks());
        }
        List<RamBlockInfo> sorted = new ArrayList<>(created);
        // List.sort is stable: equal max lengths keep creation order, as QEMU's insertion does.
        sorted.sort(Comparator.comparingLong(RamBlockInfo::maxLength).reversed());
        return sorted;
    }
}
