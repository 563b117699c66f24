package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The script layout of devices.md 5.2, byte by byte. */
class BiosLinkerTest {
    @Test
    void entriesAreLaidOutAsQemuDoes() {
        BiosLinker l = new BiosLinker();
        AcpiBlob tables = new AcpiBlob().zeros(64);
        AcpiBlob rsdp = new AcpiBlob().zeros(20);
        l.allocate("etc/acpi/tables", tables, 64, false);
        l.allocate("etc/acpi/rsdp", rsdp, 16, true);
        tables.setLe(9, 0x55, 1);
        l.addChecksum("etc/acpi/tables", 0, 36, 9);
        l.addPointer("etc/acpi/rsdp", 16, 4, "etc/acpi/tables", 40);
        l.writePointer("etc/vmgenid_addr", 0, 8, "etc/acpi/tables", 8);
        byte[] s = l.toBytes(4096);
        assertEquals(4096, s.length, "padded to 4 KiB with zero entries");
        assertEquals(5, l.entryCount());
        // ALLOCATEs are prepended: the last one created comes first
        assertEquals(1, le(s, 0, 4));
        assertEquals("etc/acpi/rsdp", name(s, 4));
        assertEquals(16, le(s, 60, 4));
        assertEquals(2, s[64]);
        assertEquals("etc/acpi/tables", name(s, 128 + 4));
        assertEquals(64, le(s, 128 + 60, 4));
        assertEquals(1, s[128 + 64]);
        // ADD_CHECKSUM: result offset, start, length; the checksum byte is zeroed in the blob
        int c = 2 * 128;
        assertEquals(3, le(s, c, 4));
        assertEquals(9, le(s, c + 60, 4));
        assertEquals(0, le(s, c + 64, 4));
        assertEquals(36, le(s, c + 68, 4));
        assertEquals(0, tables.getLe(9, 1));
        // ADD_POINTER: dest, src, offset, size; the source offset is pre-stored in the field
        int p = 3 * 128;
        assertEquals(2, le(s, p, 4));
        assertEquals("etc/acpi/rsdp", name(s, p + 4));
        assertEquals("etc/acpi/tables", name(s, p + 60));
        assertEquals(16, le(s, p + 116, 4));
        assertEquals(4, s[p + 120]);
        assertEquals(40, rsdp.getLe(16, 4));
        // WRITE_POINTER: dest, src, dst offset, src offset, size
        int w = 4 * 128;
        assertEquals(4, le(s, w, 4));
        assertEquals("etc/vmgenid_addr", name(s, w + 4));
        assertEquals(8, le(s, w + 120, 4));
        assertEquals(8, s[w + 124]);
        assertArrayEquals(new byte[4096 - 5 * 128], Arrays.copyOfRange(s, 5 * 128, 4096));
    }

    @Test
    void producerAssertionsFailFast() {
        BiosLinker l = new BiosLinker();
        AcpiBlob t = new AcpiBlob().zeros(40);
        l.allocate("etc/acpi/tables", t, 64, false);
        assertThrows(IllegalArgumentException.class, () -> l.addChecksum("etc/acpi/tables", 0, 41, 9));
        assertThrows(IllegalArgumentException.class, () -> l.addChecksum("etc/acpi/tables", 10, 20, 9),
                "the checksum byte must lie inside the range");
        assertThrows(IllegalArgumentException.class, () -> l.addPointer("etc/acpi/tables", 38, 4, "etc/acpi/tables", 0));
        assertThrows(IllegalArgumentException.class, () -> l.addPointer("etc/acpi/tables", 0, 4, "etc/acpi/tables", 40));
        assertThrows(IllegalArgumentException.class, () -> l.addPointer("etc/acpi/tables", 0, 3, "etc/acpi/tables", 0));
        assertThrows(IllegalArgumentException.class, () -> l.addChecksum("nope", 0, 1, 0));
        assertThrows(IllegalStateException.class, () -> l.allocate("etc/acpi/tables", t, 64, false));
        assertThrows(IllegalArgumentException.class, () -> l.allocate("x", new AcpiBlob(), 3, false));
        assertThrows(IllegalArgumentException.class, () -> l.allocate("x".repeat(56), new AcpiBlob(), 4, false));
    }

    static long le(byte[] b, int at, int w) {
        long v = 0;
        for (int i = w - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    static String name(byte[] b, int at) {
        int n = 0;
        while (b[at + n] != 0) {
            n++;
        }
        return new String(b, at, n, StandardCharsets.US_ASCII);
    }
}
