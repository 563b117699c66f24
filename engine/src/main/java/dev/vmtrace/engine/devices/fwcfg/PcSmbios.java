package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachineType;
import dev.vmtrace.engine.machine.MachineVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The SMBIOS files QEMU gives a PC without {@code -smbios} options (hw/smbios/smbios.c, learned
 * by reading {@code etc/smbios/smbios-tables} and {@code -anchor} through qtest, see
 * docs/devices/fw-cfg.md): types 1, 3, one type 4 per socket, 16, one type 17 per 16 GiB, one
 * type 19 per RAM range, 32 and 127, and the 31-byte 2.8 entry point whose checksums and table
 * address the firmware fills in. Machine types with legacy SMBIOS (pc-i440fx up to 2.0) have no
 * files. Facts that follow the machine type: the default qemu64 CPU signature (family 6 model 6
 * stepping 3 up to 6.0, family 15 model 107 stepping 1 from 6.1) and the topology default
 * (sockets up to 6.1, cores from 6.2).
 */
final class PcSmbios {
    private PcSmbios() {
    }

    private static final long DIMM_MAX = 16L << 30;

    /** Whether {@code type} has SMBIOS files (not legacy SMBIOS). */
    static boolean hasFiles(MachineType type) {
        return !(type.family() == MachineFamily.I440FX && type.version().atMost(2, 0));
    }

    /** The tables blob; {@code ranges} are the RAM ranges (start, length) of the e820 map. */
    static byte[] tables(MachineType type, int cpus, int maxCpus, long ram, List<long[]> ranges) {
        Table t = new Table();
        String product = type.family() == MachineFamily.Q35 ? "Standard PC (Q35 + ICH9, 2009)"
                : "Standard PC (i440FX + PIIX, 1996)";
        String version = type.name();
        // Type 1: system information.
        t.begin(1, 0x100).u8(1).u8(2).u8(3).u8(0).zeros(16).u8(6).u8(0).u8(0).strings("QEMU", product, version);
        // Type 3: chassis.
        t.begin(3, 0x300).u8(1).u8(1).u8(2).u8(0).u8(0).u8(3).u8(3).u8(3).u8(2).le(0, 4).u8(0).u8(0).u8(0).u8(0).u8(0)
                .strings("QEMU", version);
        boolean preferCores = !type.version().atMost(6, 1);
        int sockets = preferCores ? 1 : maxCpus;
        int coresPerSocket = preferCores ? maxCpus : 1;
        long signature = type.version().compareTo(new MachineVersion(6, 1, 0)) >= 0 ? 0x00060fb1L : 0x00000663L;
        for (int s = 0; s < sockets; s++) {
            int n = Math.min(coresPerSocket, 255);
            t.begin(4, 0x400 + s).u8(1).u8(3).u8(1).u8(2).le(signature, 4).le(0x078bfbfdL, 4).u8(3).u8(0).le(0, 2)
                    .le(2000, 2).le(2000, 2).u8(0x41).u8(1).le(0xffff, 2).le(0xffff, 2).le(0xffff, 2).u8(0).u8(0).u8(0)
                    .u8(n).u8(n).u8(n).le(2, 2).le(1, 2).strings("CPU " + s, "QEMU", version);
        }
        int dimms = (int) ((ram + DIMM_MAX - 1) / DIMM_MAX);
        // Type 16: physical memory array (capacity in KiB).
        t.begin(16, 0x1000).u8(1).u8(3).u8(6).le(ram >>> 10, 4).le(0xfffe, 2).le(dimms, 2).le(0, 8).strings();
        for (int i = 0; i < dimms; i++) {
            long size = Math.min(DIMM_MAX, ram - i * DIMM_MAX);
            t.begin(17, 0x1100 + i).le(0x1000, 2).le(0xfffe, 2).le(0xffff, 2).le(0xffff, 2).le(size >>> 20, 2).u8(9)
                    .u8(0).u8(1).u8(0).u8(7).le(2, 2).le(0, 2).u8(2).u8(0).u8(0).u8(0).u8(0).le(0, 4).le(0, 2)
                    .le(0, 2).le(0, 2).le(0, 2).strings("DIMM " + i, "QEMU");
        }
        for (int i = 0; i < ranges.size(); i++) {
            long start = ranges.get(i)[0];
            long end = start + ranges.get(i)[1];
            t.begin(19, 0x1300 + i).le(start >>> 10, 4).le((end >>> 10) - 1, 4).le(0x1000, 2).u8(1).le(0, 8).le(0, 8)
                    .strings();
        }
        t.begin(32, 0x2000).zeros(6).u8(0).strings();
        t.begin(127, 0x7f00).strings();
        return t.finish();
    }

    /** The 2.8 entry point for {@code tables} (checksums and table address left 0 for the firmware). */
    static byte[] anchor(byte[] tables) {
        int count = 0;
        int max = 0;
        int i = 0;
        while (i < tables.length) {
            int start = i;
            i += tables[i + 1] & 0xff;
            while (!(tables[i] == 0 && tables[i + 1] == 0)) {
                i++;
            }
            i += 2;
            count++;
            max = Math.max(max, i - start);
        }
        Table a = new Table();
        a.ascii("_SM_").u8(0).u8(0x1f).u8(2).u8(8).le(max, 2).u8(0).zeros(5).ascii("_DMI_").u8(0)
                .le(tables.length, 2).le(0, 4).le(count, 2).u8(0x28);
        return a.out.toByteArray();
    }

    /** A structure writer: header, formatted area, then the string set. */
    private static final class Table {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = -1;

        Table begin(int type, int handle) {
            start = out.size();
            out.write(type);
            out.write(0);
            le(handle, 2);
            return this;
        }

        Table u8(int v) {
            out.write(v);
            return this;
        }

        Table zeros(int n) {
            for (int i = 0; i < n; i++) {
                out.write(0);
            }
            return this;
        }

        Table le(long v, int width) {
            for (int i = 0; i < width; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Table ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** Ends the formatted area (fixing the length byte) and writes the strings plus the double NUL. */
        Table strings(String... strings) {
            byte[] sofar = out.toByteArray();
            int len = sofar.length - start;
            out.reset();
            out.writeBytes(sofar);
            byte[] fixed = out.toByteArray();
            fixed[start + 1] = (byte) len;
            out.reset();
            out.writeBytes(fixed);
            for (String s : strings) {
                ascii(s);
                out.write(0);
            }
            if (strings.length == 0) {
                out.write(0);
            }
            out.write(0);
            return this;
        }

        byte[] finish() {
            return out.toByteArray();
        }
    }
}
