package dev.vmtrace.engine.devices.pm;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vmtrace.engine.devices.PortDifferential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real QEMU 7.2 and vmtrace answer PM block, PCI config (PM function) and GPE accesses identically. */
class PmDifferentialTest {
    static final List<String> Q35_PROGRAM = List.of(
            "inw 0x604", "inl 0x608", "inl 0x630",
            "outl 0xcf8 0x8000f840", "inl 0xcfc", "inb 0xcfd", "inw 0xcfe",
            "outl 0xcf8 0x8000f844", "inb 0xcfc",
            "outl 0xcf8 0x8000f8a0", "inl 0xcfc",
            "outl 0xcf8 0x8000f840", "outl 0xcfc 0x601",
            "outl 0xcf8 0x8000f844", "outb 0xcfc 0x80",
            "inw 0x604", "inw 0x600", "inw 0x602", "inl 0x600", "inb 0x601", "inl 0x608", "inb 0x609",
            "inl 0x630", "inl 0x634", "inb 0x630", "inw 0x632", "inb 0x620", "inb 0x628", "inl 0x620",
            "inl 0x62c");

    /** OVMF's SMI_EN lock self-test (devices.md 4.2), then writes of GBL_SMI_EN after the lock. */
    static final List<String> Q35_SMI_LOCK = List.of(
            "inl 0x630", "outl 0x630 0x21", "inl 0x630",
            "outl 0xcf8 0x8000f8a0", "outw 0xcfc 0x10",
            "outl 0x630 0x20", "inl 0x630", "outl 0x630 0x0", "inl 0x630", "outl 0x630 0xffffffff", "inl 0x630",
            "inl 0xcfc", "outl 0xcfc 0x0", "inl 0xcfc", "outl 0x630 0x0", "inl 0x630");

    static final List<String> Q35_PM1 = List.of(
            "outw 0x602 0x121", "inw 0x602", "inl 0x600", "outw 0x600 0xffff", "inw 0x600",
            "outb 0x605 0x4", "inw 0x604", "inb 0x605", "outw 0x604 0x1", "inw 0x604", "inb 0x604",
            "outl 0x604 0x0", "inw 0x604", "outb 0x628 0xff", "inl 0x628", "outl 0x62c 0x12345678", "inl 0x628",
            "inl 0x62c", "outb 0x620 0xff", "inb 0x620", "outw 0x602 0x0", "inw 0x602",
            "outl 0xcf8 0x8000f844", "outb 0xcfc 0x0", "inw 0x600", "inw 0x604",
            "outl 0xcf8 0x8000f840", "outl 0xcfc 0x701", "outl 0xcf8 0x8000f844", "outb 0xcfc 0x80",
            "inw 0x604", "inw 0x704", "inl 0xcfc", "outl 0xcf8 0x8000f840", "inl 0xcfc");

    static final List<String> I440FX_PROGRAM = List.of(
            "inw 0x604", "inb 0xafe0", "inl 0xafe0", "outb 0xafe2 0xff", "inl 0xafe0", "outl 0xafe0 0xffffffff",
            "inl 0xafe0", "outw 0xafe2 0x0", "inl 0xafe0",
            "outl 0xcf8 0x80000b40", "inl 0xcfc", "outl 0xcfc 0x601",
            "outl 0xcf8 0x80000b80", "inb 0xcfc", "outb 0xcfc 0x1",
            "inw 0x600", "inw 0x602", "inw 0x604", "inl 0x608", "outw 0x602 0x1", "inl 0x600",
            "outb 0x605 0x4", "inw 0x604", "outl 0x604 0x1", "inw 0x604",
            "outl 0xcf8 0x80000b40", "inl 0xcfc", "outl 0xcfc 0x641", "inw 0x640", "inw 0x644",
            "outl 0xcf8 0x80000b80", "outb 0xcfc 0x0", "inw 0x644",
            "outl 0xcf8 0x80000b04", "inl 0xcfc", "outl 0xcfc 0xffffffff", "inl 0xcfc", "inw 0xcfe");

    @Test
    void q35ProgrammingPm1SmiAndLock() throws Exception {
        List<String> s = new ArrayList<>(Q35_PROGRAM);
        s.addAll(Q35_PM1);
        s.addAll(Q35_SMI_LOCK);
        assertNull(new PortDifferential("pc-q35-7.2", "2,maxcpus=4").compare(s));
        assertNull(new PortDifferential("pc-q35-7.2,smm=off", null).compare(s));
    }

    @Test
    void i440fxProgrammingAndGpe() throws Exception {
        assertNull(new PortDifferential("pc-i440fx-7.2", "2,maxcpus=4").compare(I440FX_PROGRAM));
        assertNull(new PortDifferential("pc-i440fx-7.2,smm=off", null).compare(I440FX_PROGRAM));
    }

    @Test
    void randomAccessesToTheQ35PmBlock() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            List<String> s = new ArrayList<>(Q35_PROGRAM.subList(3, 15));
            // PM1 event, timer, GPE0, SMI; PM1 control gets only the explicit writes above (SLP_EN
            // would shut QEMU down).
            for (String c : PortDifferential.random(seed, 300, 0x600, 0x637, 0, 1, 0x20, 0x21, 0xff, 0xffff)) {
                if (!touchesControl(c)) {
                    s.add(c);
                }
            }
            assertNull(new PortDifferential("pc-q35-7.2", null).compare(s), "seed " + seed);
        }
    }

    @Test
    void randomAccessesToThePiix4Gpe() throws Exception {
        List<String> s = PortDifferential.random(7, 300, 0xafe0, 0xafe3, 0, 1, 2, 4, 0xff);
        assertNull(new PortDifferential("pc-i440fx-7.2", null).compare(s));
    }

    static boolean touchesControl(String c) {
        if (!c.startsWith("out")) {
            return false;
        }
        String[] w = c.split(" ");
        long port = Long.decode(w[1]);
        int size = c.charAt(3) == 'b' ? 1 : c.charAt(3) == 'w' ? 2 : 4;
        return port < 0x606 && port + size > 0x604;
    }
}
