package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachineVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbered items and non-ACPI files QEMU 7.2 gives a {@code -nodefaults} PC, learned by
 * reading them through qtest on each machine type (docs/devices/fw-cfg.md lists them with the
 * bytes). The ACPI blobs and {@code etc/tpm/log} come from the ACPI part.
 */
public final class PcFwCfgContent {
    private PcFwCfgContent() {
    }

    /** Size of {@code genroms/kvmvapic.bin} (the host's option ROM; contents not carried, see docs). */
    public static final int KVMVAPIC_SIZE = 9216;
    /** Start of the HyperTransport hole QEMU reserves in e820 on machine types from 7.1 (AMD vendor). */
    public static final long HT_HOLE_START = 0xfd00000000L;
    /** End of that hole (1 TiB). */
    public static final long HT_HOLE_END = 1L << 40;

    /** Adds the standard items and files to {@code dev} for the machine being built. */
    public static void addStandardItems(FwCfgDevice dev, MachineBuilder b) {
        MachineConfig c = b.config();
        MachineVersion v = b.type().version();
        int apicIdLimit = apicIdLimit(c);
        dev.addBytes(FwCfgKeys.UUID, new byte[16]);
        dev.addBytes(FwCfgKeys.NOGRAPHIC, new byte[2]);
        dev.addBytes(FwCfgKeys.BOOT_MENU, new byte[2]);
        dev.addBytes(FwCfgKeys.NB_CPUS, le(c.cpus(), 2));
        dev.addBytes(FwCfgKeys.MAX_CPUS, le(apicIdLimit, 2));
        dev.addBytes(FwCfgKeys.RAM_SIZE, le(c.memoryBytes(), 8));
        dev.addBytes(FwCfgKeys.X86_IRQ0_OVERRIDE, le(1, 4));
        dev.addBytes(FwCfgKeys.X86_HPET, hpet());
        // NUMA: node count, then one word per possible APIC ID and per node; all zero without -numa.
        dev.addBytes(FwCfgKeys.NUMA, new byte[8 * (1 + apicIdLimit)]);

        dev.addFile("etc/boot-fail-wait", le(0xffffffffL, 4));
        boolean q35 = b.type().family() == MachineFamily.Q35;
        dev.addFile("etc/e820", e820(c.memoryBytes(), v.compareTo(new MachineVersion(7, 1, 0)) >= 0, q35));
        if (PcSmbios.hasFiles(b.type())) {
            byte[] tables = PcSmbios.tables(b.type(), c.cpus(), apicIdLimit, c.memoryBytes(), ramRanges(c.memoryBytes(), q35));
            dev.addFile("etc/smbios/smbios-tables", tables);
            dev.addFile("etc/smbios/smbios-anchor", PcSmbios.anchor(tables));
        }
        dev.addFile("genroms/kvmvapic.bin", new byte[KVMVAPIC_SIZE]);
        // S3 enabled (0x80|1), S4 enabled with value 2, S5 0x80: PIIX4 and ICH9 defaults.
        dev.addFile("etc/system-states", new byte[] {(byte) 0x80, 0, 0, (byte) 0x81, (byte) 0x82, (byte) 0x80});
        dev.addFile("bootorder", new byte[0]);
        if (!dev.config().legacyOrder()) {
            // Observed from 2.6 on (absent on every legacy-order machine type).
            dev.addFile("bios-geometry", new byte[0]);
        }
    }

    /** QEMU's APIC ID limit for a flat topology: the number of possible CPUs. */
    public static int apicIdLimit(MachineConfig c) {
        return c.maxCpus();
    }

    /**
     * {@code etc/e820}: 20-byte entries (u64 address, u64 length, u32 type, little-endian). From
     * 7.1 the reserved HyperTransport range comes first; then RAM below 4 GiB, then above.
     */
    static byte[] e820(long ram, boolean htHole, boolean q35) {
        List<long[]> ranges = ramRanges(ram, q35);
        int n = (htHole ? 1 : 0) + ranges.size();
        byte[] out = new byte[20 * n];
        int at = 0;
        if (htHole) {
            entry(out, at, HT_HOLE_START, HT_HOLE_END - HT_HOLE_START, 2);
            at += 20;
        }
        for (long[] r : ranges) {
            entry(out, at, r[0], r[1], 1);
            at += 20;
        }
        return out;
    }

    /**
     * RAM below and above 4 GiB as {start, length}: q35 keeps 2 GiB low once RAM reaches
     * 0xb0000000 (else up to 0xb0000000); i440fx keeps 3 GiB low once RAM reaches 0xe0000000
     * (gigabyte alignment, machine types from 1.7; every type vmtrace offers with SMBIOS files).
     */
    static List<long[]> ramRanges(long ram, boolean q35) {
        long lowLimit = q35 ? (ram >= 0xb0000000L ? 0x80000000L : 0xb0000000L)
                : (ram >= 0xe0000000L ? 0xc0000000L : 0xe0000000L);
        long below = Math.min(ram, lowLimit);
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {0, below});
        if (ram > below) {
            out.add(new long[] {1L << 32, ram - below});
        }
        return out;
    }

    private static void entry(byte[] out, int at, long addr, long len, int type) {
        System.arraycopy(le(addr, 8), 0, out, at, 8);
        System.arraycopy(le(len, 8), 0, out, at + 8, 8);
        System.arraycopy(le(type, 4), 0, out, at + 16, 4);
    }

    /** One HPET block at 0xfed00000 with Intel's block ID, room for eight (121 bytes). */
    private static byte[] hpet() {
        byte[] b = new byte[1 + 8 * 15];
        b[0] = 1;
        System.arraycopy(le(0x8086a201L, 4), 0, b, 1, 4);
        System.arraycopy(le(0xfed00000L, 8), 0, b, 5, 8);
        return b;
    }

    static byte[] le(long v, int width) {
        byte[] b = new byte[width];
        for (int i = 0; i < width; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
