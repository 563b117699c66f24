package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.devices.fwcfg.FwCfgConfig;
import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The firmware checks of devices.md 5.2 on hand-made scripts, and robustness on garbage. */
class FirmwareLoaderTest {
    private static final FirmwareLoader OVMF = new FirmwareLoader(FirmwareLoader.Firmware.OVMF);
    private static final FirmwareLoader SEABIOS = new FirmwareLoader(FirmwareLoader.Firmware.SEABIOS);

    /** A device holding a 64-byte table blob with one valid table and the given script entries. */
    static DeviceFwCfgAccess device(byte[]... entries) {
        FwCfgDevice fw = new FwCfgDevice(FwCfgConfig.DEFAULT);
        AcpiBlob t = new AcpiBlob();
        t.ascii("TEST", 4).le(40, 4).u8(1).u8(0).zeros(30).le(0x11223344L, 4).zeros(20);
        fw.addFile(AcpiFiles.TABLES, t.toBytes());
        fw.addFile("etc/target", new byte[8], false, item -> { }, (item, off, len) -> { });
        AcpiBlob script = new AcpiBlob();
        for (byte[] e : entries) {
            script.bytes(e);
        }
        fw.addFile(AcpiFiles.LOADER, script.toBytes());
        return new DeviceFwCfgAccess(fw);
    }

    static byte[] allocate(String file, int align, int zone) {
        byte[] e = new byte[128];
        e[0] = 1;
        put(e, 4, file);
        le(e, 60, align, 4);
        e[64] = (byte) zone;
        return e;
    }

    static byte[] checksum(String file, int result, int start, int length) {
        byte[] e = new byte[128];
        e[0] = 3;
        put(e, 4, file);
        le(e, 60, result, 4);
        le(e, 64, start, 4);
        le(e, 68, length, 4);
        return e;
    }

    static byte[] pointer(String dst, String src, int offset, int size) {
        byte[] e = new byte[128];
        e[0] = 2;
        put(e, 4, dst);
        put(e, 60, src);
        le(e, 116, offset, 4);
        e[120] = (byte) size;
        return e;
    }

    @Test
    void validScriptPasses() {
        LoaderResult r = OVMF.load(device(allocate(AcpiFiles.TABLES, 64, 1), checksum(AcpiFiles.TABLES, 9, 0, 40),
                new byte[128]));
        assertTrue(r.ok(), r.findings().toString());
    }

    @Test
    void checksumRangeOutsideTheBlob() {
        LoaderResult r = OVMF.load(device(allocate(AcpiFiles.TABLES, 64, 1), checksum(AcpiFiles.TABLES, 9, 40, 30)));
        assertEquals("invalid-checksum-range", r.firstError().code());
        r = OVMF.load(device(allocate(AcpiFiles.TABLES, 64, 1), checksum(AcpiFiles.TABLES, 64, 0, 8)));
        assertEquals("invalid-checksum-range", r.firstError().code(), "result offset past the end");
    }

    @Test
    void pointerValueMustBeInsideTheSource() {
        // the field at 40 holds 0x11223344, far beyond the 64-byte source
        LoaderResult ovmf = OVMF.load(device(allocate(AcpiFiles.TABLES, 64, 1), pointer(AcpiFiles.TABLES, AcpiFiles.TABLES, 40, 4)));
        assertEquals("invalid-pointer-value", ovmf.firstError().code());
        // SeaBIOS does not check the value; a 1-byte field overflows on relocation though
        LoaderResult seabios = SEABIOS.load(device(allocate(AcpiFiles.TABLES, 64, 1), pointer(AcpiFiles.TABLES, AcpiFiles.TABLES, 40, 4)));
        assertTrue(seabios.ok(), seabios.findings().toString());
    }

    @Test
    void otherRejections() {
        assertEquals("invalid-pointer-location", OVMF.load(device(allocate(AcpiFiles.TABLES, 64, 1),
                pointer(AcpiFiles.TABLES, AcpiFiles.TABLES, 62, 4))).firstError().code());
        assertEquals("invalid-pointer-location", OVMF.load(device(allocate(AcpiFiles.TABLES, 64, 1),
                pointer(AcpiFiles.TABLES, AcpiFiles.TABLES, 0, 3))).firstError().code());
        assertEquals("invalid-blob-reference", OVMF.load(device(checksum(AcpiFiles.TABLES, 9, 0, 40))).firstError().code());
        assertEquals("unsupported-alignment", OVMF.load(device(allocate(AcpiFiles.TABLES, 8192, 1))).firstError().code());
        assertEquals("duplicate-file", OVMF.load(device(allocate(AcpiFiles.TABLES, 64, 1), allocate(AcpiFiles.TABLES, 64, 1)))
                .firstError().code());
        assertEquals("missing-file", OVMF.load(device(allocate("etc/none", 64, 1))).firstError().code());
        assertEquals("bad-zone", SEABIOS.load(device(allocate(AcpiFiles.TABLES, 64, 3))).firstError().code());
        byte[] unterminated = allocate(AcpiFiles.TABLES, 64, 1);
        java.util.Arrays.fill(unterminated, 4, 60, (byte) 'a');
        assertEquals("unterminated-name", OVMF.load(device(unterminated)).firstError().code());
    }

    @Test
    void ovmfStopsAtTheFirstErrorSeabiosSkips() {
        byte[][] script = {allocate(AcpiFiles.TABLES, 64, 1), checksum(AcpiFiles.TABLES, 9, 40, 30),
            checksum(AcpiFiles.TABLES, 9, 0, 40)};
        LoaderResult o = OVMF.load(device(script));
        LoaderResult s = SEABIOS.load(device(script));
        assertFalse(o.ok());
        assertTrue(o.installed().isEmpty());
        assertEquals(1, o.findings().size());
        assertFalse(s.ok());
        assertEquals(1, s.findings().stream().filter(f -> f.severity().equals("error")).count());
    }

    @Test
    void unknownCommandsAreSkipped() {
        byte[] odd = new byte[128];
        odd[0] = 9;
        LoaderResult r = OVMF.load(device(allocate(AcpiFiles.TABLES, 64, 1), odd));
        assertTrue(r.ok());
        assertEquals("unknown-command", r.findings().get(0).code());
    }

    @Test
    void randomScriptsNeverThrow() {
        Random rnd = new Random(4);
        for (int i = 0; i < 300; i++) {
            List<byte[]> entries = new ArrayList<>();
            for (int j = 0; j < 1 + rnd.nextInt(6); j++) {
                byte[] e = new byte[128];
                rnd.nextBytes(e);
                e[0] = (byte) rnd.nextInt(6);
                e[1] = e[2] = e[3] = 0;
                if (rnd.nextBoolean()) {
                    put(e, 4, AcpiFiles.TABLES);
                    e[59] = 0;
                    put(e, 60, AcpiFiles.TABLES);
                    e[115] = 0;
                }
                entries.add(e);
            }
            for (FirmwareLoader l : List.of(OVMF, SEABIOS)) {
                l.load(device(entries.toArray(new byte[0][])));
            }
        }
    }

    private static void put(byte[] e, int at, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, e, at, b.length);
        e[at + b.length] = 0;
    }

    private static void le(byte[] e, int at, long v, int w) {
        for (int i = 0; i < w; i++) {
            e[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
