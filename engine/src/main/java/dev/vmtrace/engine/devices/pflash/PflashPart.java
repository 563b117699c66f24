package dev.vmtrace.engine.devices.pflash;

import dev.vmtrace.engine.machine.GlobalOption;
import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachinePart;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionSlot;
import dev.vmtrace.engine.memory.SparseBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the PC system flash as QEMU 7.2's {@code pc_system_firmware_init} does when it is given
 * {@code -drive if=pflash}: {@code system.flash0} at the top of the 4 GiB space, then
 * {@code system.flash1} just below it, each as large as its image; the last 128 KiB of flash0
 * are copied into a read-only {@code isa-bios} at 0xe0000 and the BIOS ROM ({@code pc.bios}) is
 * not created. Without a flash0 image the machine keeps its BIOS ROM, as QEMU does.
 *
 * <p>Configured with machine options (QEMU's {@code pflash0}/{@code pflash1} take block nodes;
 * vmtrace takes image files, read once and never written back):
 * {@code pflash0=FILE}, {@code pflash1=FILE}, {@code pflash0-readonly=on}, {@code pflash1-readonly=on},
 * and QEMU's {@code --global cfi.pflash01.secure=on}.
 */
public final class PflashPart implements MachinePart {
    /** The QOM type name, for {@code --global cfi.pflash01.PROP=VALUE}. */
    public static final String DRIVER = "cfi.pflash01";
    /** QEMU's default {@code max-fw-size} for PCs (8 MiB). */
    public static final long MAX_FIRMWARE = 8L << 20;
    /** The isa-bios copy of flash0's top. */
    public static final long ISA_BIOS_MAX = 128L << 10;
    private static final long FOUR_GIB = 1L << 32;
    /** Largest image read (QEMU refuses more than {@link #MAX_FIRMWARE} in total anyway). */
    private static final long IMAGE_CAP = MAX_FIRMWARE;

    @Override
    public String id() {
        return "pflash";
    }

    @Override
    public void build(MachineBuilder b) {
        MachineConfig c = b.config();
        String f0 = c.machineOption("pflash0", null);
        String f1 = c.machineOption("pflash1", null);
        if (f1 != null && f0 == null) {
            throw new MachineConfigException("pflash1 requires pflash0");
        }
        if (f0 == null) {
            return;
        }
        if (b.type().family() == MachineFamily.VIRT) {
            throw new MachineConfigException("pflash0/pflash1 are PC machine options");
        }
        boolean secure = onOff(global(c, DRIVER + ".secure"), "--global " + DRIVER + ".secure");
        List<PflashCfi01> flashes = new ArrayList<>();
        flashes.add(new PflashCfi01("system.flash0", 0, image(f0, "pflash0"), readOnly(c, 0), secure));
        if (f1 != null) {
            flashes.add(new PflashCfi01("system.flash1", 1, image(f1, "pflash1"), readOnly(c, 1), secure));
        }
        long total = 0;
        for (PflashCfi01 f : flashes) {
            total += f.size();
            if (total > MAX_FIRMWARE) {
                throw new MachineConfigException("combined size of system firmware exceeds " + MAX_FIRMWARE + " bytes");
            }
            b.mapMemory(FOUR_GIB - total, f.region(), 0);
            b.addDevice(f);
        }
        // QEMU creates no BIOS ROM when flash0 is given; the isa-bios window becomes a copy of flash0's top.
        for (String name : List.of("isa-bios", "pc.bios")) {
            for (RegionSlot s : b.memorySlots(name)) {
                s.unmap();
            }
        }
        PflashCfi01 flash0 = flashes.get(0);
        long isaSize = Math.min(flash0.size(), ISA_BIOS_MAX);
        SparseBytes copy = new SparseBytes(isaSize);
        for (long i = 0; i < isaSize; i++) {
            int v = flash0.arrayByte(flash0.size() - isaSize + i);
            if (v != 0) {
                copy.put(i, v);
            }
        }
        b.mapMemory(0x100000 - isaSize, Region.rom("isa-bios", copy), 1);
    }

    /**
     * The last {@code --global} value for {@code key}: matched on the whole DRIVER.PROP text, since
     * the driver name itself has a dot ({@code cfi.pflash01.secure=on} splits as driver {@code cfi}).
     */
    private static String global(MachineConfig c, String key) {
        String value = null;
        for (GlobalOption g : c.globals()) {
            if ((g.driver() + "." + g.property()).equals(key)) {
                value = g.value();
            }
        }
        return value;
    }

    private static boolean readOnly(MachineConfig c, int unit) {
        return onOff(c.machineOption("pflash" + unit + "-readonly", null), "pflash" + unit + "-readonly");
    }

    private static boolean onOff(String v, String what) {
        if (v == null || v.equals("off") || v.equals("false")) {
            return false;
        }
        if (v.equals("on") || v.equals("true")) {
            return true;
        }
        throw new MachineConfigException(what + ": expected on or off, not '" + v + "'");
    }

    private static byte[] image(String file, String what) {
        Path p = Path.of(file);
        try {
            long size = Files.size(p);
            if (size == 0 || size % PflashCfi01.SECTOR != 0 || size > IMAGE_CAP) {
                throw new MachineConfigException(what + " '" + file + "': size " + size
                        + " must be a non-zero multiple of 0x1000 of at most " + IMAGE_CAP + " bytes");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new MachineConfigException(what + " '" + file + "': cannot read: " + e.getMessage());
        }
    }
}
