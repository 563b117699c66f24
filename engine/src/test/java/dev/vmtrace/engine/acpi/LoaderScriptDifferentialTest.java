package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgItem;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.testing.QemuQtest;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The linker/loader script against real QEMU 7.2's, read through fw_cfg DMA: the same commands
 * in the same order with the same files, alignments, zones and pointer widths, the same number
 * of entries and padding, and the same tables (signature order, from the checksum commands).
 * Offsets and lengths are not compared: the AML is vmtrace's own.
 */
class LoaderScriptDifferentialTest {
    static Stream<Arguments> configs() {
        List<String> nv = List.of("-m", "32,slots=2,maxmem=1G", "-object", "memory-backend-ram,id=m0,size=16M",
                "-device", "nvdimm,memdev=m0,id=nv0");
        return Stream.of(
                Arguments.of("pc-q35-7.2", null, List.of(), null, List.of()),
                Arguments.of("pc-i440fx-7.2", "2,maxcpus=4", List.of(), null, List.of()),
                Arguments.of("pc-i440fx-2.0", null, List.of(), null, List.of()),
                Arguments.of("pc-i440fx-7.2,nvdimm=on", null, nv, "32", List.of("nvdimm,memdev=m0,id=nv0,size=16M")),
                Arguments.of("pc-q35-7.2,nvdimm=on", "1,maxcpus=8", nv, "32", List.of("nvdimm,memdev=m0,id=nv0,size=16M")));
    }

    @ParameterizedTest(name = "{0} -smp {1}")
    @MethodSource("configs")
    void scriptStructureMatchesQemu(String machine, String smp, List<String> qemuExtra, String mem, List<String> devices)
            throws IOException {
        String engineMachine = machine + (qemuExtra.isEmpty() ? "" : ",slots=2");
        Machine m = Machine.build(MachineConfig.parse(engineMachine, smp, mem, devices, List.of(), Release.DEFAULT,
                Accel.KVM, null));
        FwCfgDevice fw = m.device(FwCfgDevice.class);
        FwCfgItem loader = fw.file(AcpiFiles.LOADER);
        // select the loader through the directory as QEMU does, then read it by DMA on QEMU
        List<String> args = new ArrayList<>(List.of("-M", machine, "-S"));
        if (smp != null) {
            args.addAll(List.of("-smp", smp));
        }
        args.addAll(qemuExtra);
        byte[] qemuScript;
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), args)) {
            int key = -1;
            int size = 0;
            q.send("outw 0x510 0x19");
            int count = (int) readBe(q, 4);
            for (int i = 0; i < count; i++) {
                byte[] e = new byte[64];
                for (int j = 0; j < 64; j++) {
                    e[j] = (byte) Long.parseLong(q.send("inb 0x511").substring(5), 16);
                }
                String name = new String(e, 8, 56, StandardCharsets.US_ASCII).replaceAll("\u0000.*", "");
                if (name.equals(AcpiFiles.LOADER)) {
                    key = ((e[4] & 0xff) << 8) | (e[5] & 0xff);
                    size = ((e[0] & 0xff) << 24) | ((e[1] & 0xff) << 16) | ((e[2] & 0xff) << 8) | (e[3] & 0xff);
                }
            }
            if (fw.config().dmaEnabled()) {
                q.send(String.format("write 0x8000 0x10 0x%08x%08x%016x", (key << 16) | 0x0a, size, 0x10000));
                q.send("outl 0x514 0x0");
                q.send("outl 0x518 0x" + Integer.toHexString(Integer.reverseBytes(0x8000)));
                String reply = q.send(String.format("read 0x10000 0x%x", size));
                qemuScript = HexFormat.of().parseHex(reply.substring(5));
            } else {
                // machine types up to 2.4 have no DMA interface: byte reads from the data port
                q.send(String.format("outw 0x510 0x%x", key));
                qemuScript = new byte[size];
                for (int i = 0; i < size; i++) {
                    qemuScript[i] = (byte) Long.parseLong(q.send("inb 0x511").substring(5), 16);
                }
            }
        }
        assertEquals(qemuScript.length, loader.size(), "script size (padded to 4 KiB)");
        assertEquals(structure(qemuScript), structure(loader.bytes()));
    }

    private static long readBe(QemuQtest q, int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | Long.parseLong(q.send("inb 0x511").substring(5), 16);
        }
        return v;
    }

    /** One line per entry: command, files and the fields that do not depend on AML sizes. */
    static List<String> structure(byte[] s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 128 <= s.length; i += 128) {
            int cmd = s[i] & 0xff;
            String a = name(s, i + 4);
            switch (cmd) {
                case 1:
                    out.add("ALLOCATE " + a + " align=" + le(s, i + 60) + " zone=" + s[i + 64]);
                    break;
                case 2:
                    out.add("ADD_POINTER " + a + " <- " + name(s, i + 60) + " size=" + s[i + 120]);
                    break;
                case 3:
                    out.add("ADD_CHECKSUM " + a + (a.equals(AcpiFiles.RSDP) ? " [" + le(s, i + 64) + "," + le(s, i + 68) + ")"
                            : ""));
                    break;
                case 4:
                    out.add("WRITE_POINTER " + a + " <- " + name(s, i + 60) + " size=" + s[i + 124]);
                    break;
                default:
                    out.add("zero");
            }
        }
        return out;
    }

    private static String name(byte[] s, int at) {
        int n = 0;
        while (n < 56 && s[at + n] != 0) {
            n++;
        }
        return new String(s, at, n, StandardCharsets.US_ASCII);
    }

    private static long le(byte[] s, int at) {
        return (s[at] & 0xffL) | (s[at + 1] & 0xffL) << 8 | (s[at + 2] & 0xffL) << 16 | (s[at + 3] & 0xffL) << 24;
    }
}
