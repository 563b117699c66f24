package dev.vmtrace.engine.qtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reply formats and QEMU's aborts (the differential test checks the same against real QEMU). */
class QtestSessionTest {

    private static QtestSession session(Accel accel) {
        return new QtestSession(Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(), List.of(),
                Release.DEFAULT, accel, null)));
    }

    @Test
    void replyFormats() throws Exception {
        QtestSession s = session(Accel.QTEST);
        assertEquals("OK", s.process("outw 0xb2 0x1234"));
        assertEquals("OK 0x1234", s.process("inw 0xb2"));
        assertEquals("OK 0x0034", s.process("inb 0xb2"));
        assertEquals("OK 0xffffffff", s.process("inl 0x3fc"));
        assertEquals("OK", s.process("writel 0x2000 0xdeadbeef"));
        assertEquals("OK 0x00000000deadbeef", s.process("readl 0x2000"));
        assertEquals("OK 0xefbeadde", s.process("read 0x2000 4"));
        assertEquals("OK 776t3g==", s.process("b64read 0x2000 4"));
        assertEquals("FAIL Unknown command 'nope'", s.process("nope"));
        assertEquals("ERR invalid argument size", s.process("write 0x0 1 0x"));
        assertEquals("OK little", s.process("endianness"));
    }

    @Test
    void clockCommandsExistOnlyUnderTheQtestAccelerator() throws Exception {
        QtestSession q = session(Accel.QTEST);
        assertEquals("OK 0", q.process("clock_step"));
        assertEquals("OK 100", q.process("clock_step 100"));
        assertEquals("OK 5000", q.process("clock_set 5000"));
        assertEquals("OK 5000", q.process("clock_set 10"), "virtual time never goes back");
        assertEquals("FAIL Unknown command 'clock_step'", session(Accel.KVM).process("clock_step 1"));
        assertEquals("FAIL Unknown command 'clock_set'", session(Accel.TCG).process("clock_set 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "inb", "inb  0xb2", "inb 0x10000", "inb 0xzz", "outb 0xb2", "read 0x0 0", "readb",
        "write 0x0 1", "clock_set", "inb 0xb2\r", "inb 1e3", "inb 0x"})
    void commandsQemuAbortsOnStopTheSession(String cmd) {
        QtestAbortException e = assertThrows(QtestAbortException.class, () -> session(Accel.QTEST).process(cmd));
        assertTrue(e.qemuAborts());
        assertTrue(e.getMessage().startsWith("QEMU 7.2 aborts"), e.getMessage());
        assertEquals(1, e.line());
    }

    @Test
    void unsupportedCommandsSaySo() {
        QtestAbortException e = assertThrows(QtestAbortException.class,
                () -> session(Accel.QTEST).process("irq_intercept_in ioapic"));
        assertFalse(e.qemuAborts());
        assertEquals(1, e.toBadInput("s.qtest").line());
    }

    @Test
    void numbersParseAsQemuDoes() {
        assertEquals(0x10L, QtestNumbers.parseU64("0x10"));
        assertEquals(8L, QtestNumbers.parseU64("010"));
        assertEquals(-1L, QtestNumbers.parseU64("-1"));
        assertEquals(5L, QtestNumbers.parseU64("+5"));
        assertEquals(null, QtestNumbers.parseU64("08"));
        assertEquals(null, QtestNumbers.parseU64("0x10000000000000000"));
        assertEquals(null, QtestNumbers.parseI64("9223372036854775808"));
        assertEquals(-5L, QtestNumbers.parseI64("-5"));
    }
}
