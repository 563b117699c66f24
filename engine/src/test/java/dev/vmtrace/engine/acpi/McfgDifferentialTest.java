package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.qtest.QtestSession;
import dev.vmtrace.engine.testing.QemuQtest;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PC tables against real QEMU 7.2 after the firmware has programmed the chipset: a qtest
 * script programs PCIEXBAR (q35, or not) and PMBASE (or not), then reads {@code etc/acpi/tables},
 * {@code etc/table-loader} and {@code etc/acpi/rsdp} by fw_cfg DMA (the first select rebuilds),
 * moves the window and PMBASE and reads the tables again (no rebuild before a reset). Both sides
 * must have the same tables in the same order, equal lengths for every table but the AML ones,
 * FACS, FACP, APIC, HPET, MCFG and WAET byte for byte, the same loader script structure
 * ({@link LoaderScriptDifferentialTest#structure}) and the same pointers and checksums once
 * offsets are named by table ({@link AcpiBlobView#links}).
 */
class McfgDifferentialTest {
    private static final long DESC = 0x8000;
    private static final long BUF = 0x100000;
    /**
     * Tables vmtrace builds byte for byte as QEMU 7.2 (before the loader patches them), the FADT's
     * PM blocks following PMBASE at the rebuild. Not RSDT: it holds blob offsets, which the AML
     * sizes move.
     */
    private static final List<String> BYTE_EQUAL = List.of("FACS", "FACP", "APIC", "HPET", "MCFG", "WAET");
    private static final List<String> FILES = List.of(AcpiFiles.TABLES, AcpiFiles.LOADER, AcpiFiles.RSDP);

    @ParameterizedTest(name = "{0} pciexbar={1} pmbase={2}")
    @CsvSource(value = {"pc-q35-7.2;0xb0000001;true", "pc-q35-7.2;;false", "pc-q35-7.2;0xe0000005;false",
        "pc-q35-5.2;0xb0000001;true", "pc-q35-7.2,nvdimm=on;0xb0000001;true", "pc-q35-2.5;0xb0000001;false",
        "pc-i440fx-7.2;;true", "pc-i440fx-7.2;;false", "pc-i440fx-2.5;;true"}, delimiter = ';')
    void tablesAfterTheMmconfigEnableMatchQemu(String machine, String pciexbar, boolean pmbase) throws IOException {
        List<String> extra = new ArrayList<>();
        List<String> devices = List.of();
        String engineMachine = machine;
        String mem = null;
        if (machine.contains("nvdimm=on")) {
            extra.addAll(List.of("-m", "32,slots=2,maxmem=1G", "-object", "memory-backend-ram,id=m0,size=16M",
                    "-device", "nvdimm,memdev=m0,id=nv0"));
            devices = List.of("nvdimm,memdev=m0,id=nv0,size=16M");
            engineMachine = machine + ",slots=2";
            mem = "32";
        }
        Machine m = Machine.build(MachineConfig.parse(engineMachine, null, mem, devices, List.of(), Release.DEFAULT,
                Accel.KVM, null));
        FwCfgDevice fw = m.device(FwCfgDevice.class);
        Long bar = pciexbar == null ? null : Long.decode(pciexbar);
        List<String> args = new ArrayList<>(List.of("-M", machine, "-S"));
        args.addAll(extra);
        List<String> qemuScript;
        List<String> qemuReplies;
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), args)) {
            // keys from QEMU's own directory: with maxmem QEMU has files vmtrace does not model
            qemuScript = script(qemuDirectory(q), bar, pmbase, machine.startsWith("pc-q35"));
            qemuReplies = q.sendAll(qemuScript);
        }
        Map<String, int[]> engineFiles = new HashMap<>();
        for (String f : FILES) {
            engineFiles.put(f, new int[] {fw.file(f).key(), fw.file(f).size()});
        }
        List<String> script = script(engineFiles, bar, pmbase, machine.startsWith("pc-q35"));
        QtestSession session = new QtestSession(m);
        List<String> engineReplies = session.replies(script);
        AcpiBlobView qemu = view(qemuScript, qemuReplies);
        AcpiBlobView engine = view(script, engineReplies);

        boolean expectMcfg = pciexbar != null && (Long.decode(pciexbar) & 1) != 0;
        assertEquals(expectMcfg, qemu.tables().containsKey("MCFG"), "QEMU's own MCFG presence (precondition)");
        assertEquals(qemu.order(), engine.order(), "tables in blob order");
        for (Map.Entry<String, int[]> e : qemu.tables().entrySet()) {
            if (!e.getKey().equals("DSDT") && !e.getKey().equals("SSDT")) {
                assertEquals(e.getValue()[1], engine.tables().get(e.getKey())[1], e.getKey() + " length");
            }
        }
        for (String sig : BYTE_EQUAL) {
            if (qemu.tables().containsKey(sig)) {
                assertArrayEquals(qemu.table(sig), engine.table(sig), () -> sig + "\n  qemu:   "
                        + HexFormat.of().formatHex(qemu.table(sig)) + "\n  engine: " + HexFormat.of().formatHex(engine.table(sig)));
            }
        }
        assertEquals(qemu.loader().length, engine.loader().length, "script size");
        assertEquals(LoaderScriptDifferentialTest.structure(qemu.loader()),
                LoaderScriptDifferentialTest.structure(engine.loader()));
        assertEquals(qemu.links(), engine.links(), "pointers and checksums by table");
        assertEquals(qemu.blobLength(), engine.blobLength(), "tables blob size");
        // the second read, after another PCIEXBAR write, sees the same tables on both sides
        assertTrue(qemu.secondReadUnchanged() && engine.secondReadUnchanged(), "no rebuild before a reset");
    }

    /**
     * The script: optionally program PCIEXBAR, read the three blobs (the first select rebuilds),
     * program another window, read the tables again.
     */
    private static List<String> script(Map<String, int[]> files, Long pciexbar, boolean pmbase, boolean q35) {
        List<String> script = new ArrayList<>();
        if (pciexbar != null) {
            pciexbar(script, pciexbar);
        }
        if (pmbase && q35) {
            // OVMF: ICH9 LPC (00:1f.0) PMBASE 0x600, then ACPI_CNTL.ACPI_EN
            script.addAll(List.of("outl 0xcf8 0x8000f840", "outl 0xcfc 0x601", "outl 0xcf8 0x8000f844", "outb 0xcfc 0x80"));
        } else if (pmbase) {
            // PIIX4 PM (00:01.3) PMBASE 0xb000, then PMREGMISC's enable
            script.addAll(List.of("outl 0xcf8 0x80000b40", "outl 0xcfc 0xb001", "outl 0xcf8 0x80000b80", "outb 0xcfc 0x1"));
        }
        long at = BUF;
        for (String f : FILES) {
            dmaRead(script, files.get(f)[0], files.get(f)[1], at);
            at += 0x40000;
        }
        // a second window (q35) or PM base before any reset: the tables stay as built
        if (q35) {
            pciexbar(script, 0x80000005L);
        }
        script.addAll(List.of("outl 0xcf8 0x" + (q35 ? "8000f840" : "80000b40"), "outl 0xcfc 0x1c01"));
        dmaRead(script, files.get(AcpiFiles.TABLES)[0], files.get(AcpiFiles.TABLES)[1], at);
        return script;
    }

    /** Name to {key, size} from QEMU's fw_cfg directory, read through the ports. */
    private static Map<String, int[]> qemuDirectory(QemuQtest q) throws IOException {
        q.send("outw 0x510 0x19");
        int count = (int) readBe(q, 4);
        Map<String, int[]> out = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int size = (int) readBe(q, 4);
            int key = (int) readBe(q, 2);
            readBe(q, 2);
            StringBuilder name = new StringBuilder();
            for (int j = 0; j < 56; j++) {
                int ch = (int) readBe(q, 1);
                if (ch != 0 && name.length() == j) {
                    name.append((char) ch);
                }
            }
            out.put(name.toString(), new int[] {key, size});
        }
        return out;
    }

    private static long readBe(QemuQtest q, int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | Long.parseLong(q.send("inb 0x511").substring(5), 16);
        }
        return v;
    }

    private static void pciexbar(List<String> c, long value) {
        c.add("outl 0xcf8 0x80000064");
        c.add("outl 0xcfc 0x0");
        c.add("outl 0xcf8 0x80000060");
        c.add(String.format("outl 0xcfc 0x%x", value));
    }

    private static void dmaRead(List<String> c, int key, int size, long to) {
        c.add(String.format("write 0x%x 0x10 0x%08x%08x%016x", DESC, (key << 16) | 0x0a, size, to));
        c.add("outl 0x514 0x0");
        c.add("outl 0x518 0x" + Integer.toHexString(Integer.reverseBytes((int) DESC)));
        c.add(String.format("read 0x%x 0x%x", to, size));
    }

    /** The four {@code read} replies of the script: tables, loader, rsdp, tables again. */
    private static AcpiBlobView view(List<String> script, List<String> replies) {
        List<byte[]> reads = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).startsWith("read ")) {
                String r = replies.get(i);
                assertTrue(r.startsWith("OK 0x"), script.get(i) + " -> " + r);
                reads.add(HexFormat.of().parseHex(r.substring(5)));
            }
        }
        return new AcpiBlobView(reads.get(0), reads.get(1), reads.get(2), reads.get(3));
    }
}
