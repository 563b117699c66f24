package dev.vmtrace.engine.devices.fwcfg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.DispatchPath;
import dev.vmtrace.engine.memory.Space;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FwCfgDeviceTest {
    static final AccessSink NONE = AccessSink.DISCARD;

    static Machine machine(String type) {
        return Machine.build(MachineConfig.of(type));
    }

    static int inb(Machine m, int port) {
        return (int) m.in(port, 1, -1, NONE) & 0xff;
    }

    static byte[] readItem(Machine m, int key, int n) {
        m.out(0x510, key, 2, -1, NONE);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) inb(m, 0x511);
        }
        return b;
    }

    @Test
    void signatureAtEitherPortAndIdByMachineType() {
        Machine m = machine("pc-q35-7.2");
        m.out(0x510, 0, 2, -1, NONE);
        assertEquals('Q', inb(m, 0x510));
        assertEquals('E', inb(m, 0x511));
        assertArrayEquals(new byte[] {3, 0, 0, 0}, readItem(m, FwCfgKeys.ID, 4));
        assertArrayEquals(new byte[] {1, 0, 0, 0}, readItem(machine("pc-i440fx-2.4"), FwCfgKeys.ID, 4));
    }

    @Test
    void wideReadsAreRejectedAndInvalidKeysReadZero() {
        Machine m = machine("pc-i440fx-7.2");
        m.out(0x510, 0, 2, -1, NONE);
        assertEquals(0, m.in(0x510, 2, -1, NONE));
        assertEquals('Q', inb(m, 0x511));
        assertArrayEquals(new byte[4], readItem(m, 0x3fff, 4));
        // bit 14 is ignored
        assertArrayEquals("QEMU".getBytes(StandardCharsets.US_ASCII), readItem(m, 0x4000, 4));
    }

    @Test
    void directoryIsSortedOnNewTypesAndLegacyOnOld() {
        assertEquals(List.of("bios-geometry", "bootorder", "etc/boot-fail-wait", "etc/e820", "etc/system-states",
                "genroms/kvmvapic.bin"), names(machine("pc-i440fx-7.2").device(FwCfgDevice.class), false));
        assertEquals(List.of("etc/boot-fail-wait", "etc/e820", "genroms/kvmvapic.bin", "etc/system-states", "bootorder"),
                names(machine("pc-i440fx-2.0").device(FwCfgDevice.class), false));
    }

    static List<String> names(FwCfgDevice d, boolean withAcpi) {
        List<String> out = new ArrayList<>();
        for (FwCfgItem f : d.files()) {
            if (withAcpi || !(f.name().startsWith("etc/acpi") || f.name().equals("etc/table-loader")
                    || f.name().equals("etc/tpm/log") || f.name().startsWith("etc/smbios"))) {
                out.add(f.name());
            }
        }
        return out;
    }

    @Test
    void dmaSignatureAndTransfers() {
        Machine m = machine("pc-q35-7.2");
        // the CPU sees the big-endian signature byte-swapped
        assertEquals(0x554d4551L, m.in(0x514, 4, -1, NONE) & 0xffffffffL);
        FwCfgDevice d = m.device(FwCfgDevice.class);
        FwCfgItem w = d.addFile("test/writable", new byte[4], false, FwCfgSelectCallback.NONE,
                (item, off, len) -> item.put(0, item.get(0) + 1));
        // descriptor at 0x1000: select + write 2 bytes from 0x2000
        long desc = 0x1000;
        writeMem(m, 0x2000, new byte[] {0x55, 0x66});
        writeMem(m, desc, be(((long) w.key() << 16) | FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_WRITE, 4));
        writeMem(m, desc + 4, be(2, 4));
        writeMem(m, desc + 8, be(0x2000, 8));
        m.out(0x514, 0, 4, -1, NONE);
        m.out(0x518, Long.reverseBytes(desc) >>> 32, 4, -1, NONE);
        assertArrayEquals(new byte[4], readMem(m, desc, 4));
        assertArrayEquals(new byte[] {0x56, 0x66, 0, 0}, w.bytes());
        // a write crossing the end is refused whole
        writeMem(m, desc, be(((long) w.key() << 16) | FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_WRITE, 4));
        writeMem(m, desc + 4, be(8, 4));
        m.out(0x514, 0, 4, -1, NONE);
        m.out(0x518, Long.reverseBytes(desc) >>> 32, 4, -1, NONE);
        assertArrayEquals(new byte[] {0, 0, 0, 1}, readMem(m, desc, 4));
        // read 16 bytes of the 4-byte signature: 4 bytes then zeros
        writeMem(m, 0x3000, new byte[16]);
        writeMem(m, desc, be(FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_READ, 4));
        writeMem(m, desc + 4, be(16, 4));
        writeMem(m, desc + 8, be(0x3000, 8));
        m.out(0x514, 0, 4, -1, NONE);
        m.out(0x518, Long.reverseBytes(desc) >>> 32, 4, -1, NONE);
        byte[] want = new byte[16];
        System.arraycopy("QEMU".getBytes(StandardCharsets.US_ASCII), 0, want, 0, 4);
        assertArrayEquals(want, readMem(m, 0x3000, 16));
    }

    @Test
    void resetSelectsKeyZero() {
        Machine m = machine("pc-q35-7.2");
        readItem(m, FwCfgKeys.FILE_DIR, 3);
        m.reset();
        assertEquals('Q', inb(m, 0x511));
        assertEquals(0, m.device(FwCfgDevice.class).state().curEntry());
    }

    @Test
    void fileSlotsAndTheDirectorySizeFollowTheMachineType() {
        FwCfgDevice old = machine("pc-i440fx-2.8").device(FwCfgDevice.class);
        FwCfgDevice cur = machine("pc-i440fx-2.9").device(FwCfgDevice.class);
        assertEquals(0x10, old.config().fileSlots());
        assertEquals(0x20, cur.config().fileSlots());
        assertEquals(4 + 64 * 0x10, old.item(FwCfgKeys.FILE_DIR).size());
        // key 0x30 is past the last slot on 2.8: selecting it selects nothing
        old.select(0x30);
        assertEquals(FwCfgKeys.INVALID, old.state().curEntry());
        cur.select(0x30);
        assertEquals(0x30, cur.state().curEntry());
        // bit 14 is kept in the migrated current entry, bit 15 picks the arch-local table
        cur.select(0x4001);
        assertEquals(0x4001, cur.state().curEntry());
        cur.select(0x8002);
        assertEquals(1, cur.readByte());
    }

    @Test
    void byteWritesToTheDataPortDoNothing() {
        Machine m = machine("pc-q35-7.2");
        FwCfgDevice d = m.device(FwCfgDevice.class);
        byte[] before = d.file("etc/boot-fail-wait").bytes();
        m.out(0x510, d.file("etc/boot-fail-wait").key(), 2, -1, NONE);
        m.out(0x511, 0x12, 1, -1, NONE);
        assertArrayEquals(before, d.file("etc/boot-fail-wait").bytes());
    }

    @Test
    void duplicateFilesFailFast() {
        FwCfgDevice d = machine("pc-q35-7.2").device(FwCfgDevice.class);
        assertThrows(IllegalArgumentException.class, () -> d.addFile("bootorder", new byte[0]));
        assertNull(d.file("nope"));
    }

    static byte[] be(long v, int w) {
        byte[] b = new byte[w];
        FwCfgDevice.putBe(b, 0, v, w);
        return b;
    }

    static void writeMem(Machine m, long addr, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            m.write(Space.MEMORY, addr + i, b[i] & 0xff, 1, DispatchPath.BUFFER, -1, NONE);
        }
    }

    static byte[] readMem(Machine m, long addr, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) m.read(Space.MEMORY, addr + i, 1, DispatchPath.BUFFER, -1, NONE);
        }
        return b;
    }
}
