package dev.vmtrace.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the real-QEMU wiring: QEMU 7.2 under qtest answers port IO as documented. */
class RealQemuWiringTest {

    @Test
    void q35AnswersPortIoUnderQtest() throws Exception {
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), List.of("-M", "pc-q35-7.2"))) {
            // legacy CPU hotplug bitmap: one CPU present (APIC ID 0)
            assertEquals("OK 0x0001", q.send("inb 0xcd8"));
            // unassigned port reads all ones at every width
            assertEquals("OK 0x00ff", q.send("inb 0x3ff"));
            assertEquals("OK 0xffff", q.send("inw 0x3ff"));
            assertEquals("OK 0xffffffff", q.send("inl 0x3f0"));
            // APM status is a scratch register: write, read back
            assertEquals("OK", q.send("outb 0xb3 0x5a"));
            assertEquals("OK 0x005a", q.send("inb 0xb3"));
            // fw_cfg signature, byte by byte through the data port
            assertEquals("OK", q.send("outw 0x510 0x0"));
            assertEquals("OK 0x0051", q.send("inb 0x511"));
            assertEquals("OK 0x0045", q.send("inb 0x511"));
            assertTrue(q.send("bogus").startsWith("FAIL"));
        }
    }
}
