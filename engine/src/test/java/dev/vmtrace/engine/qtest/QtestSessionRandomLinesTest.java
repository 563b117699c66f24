package dev.vmtrace.engine.qtest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile scripts: every line either gets a reply or a {@link QtestAbortException}; nothing else
 * escapes (no number-format, index or arithmetic exception), and no line allocates unboundedly.
 */
class QtestSessionRandomLinesTest {
    private static final String[] WORDS = {"inb", "inw", "inl", "outb", "outw", "outl", "readb", "readq", "writel",
        "writeq", "read", "write", "b64read", "b64write", "memset", "clock_step", "clock_set", "endianness", "",
        "0x", "0xb2", "0xffff", "0x10000", "-1", "18446744073709551616", "0x1000", "4", "0", "012", "08", "zz",
        "0xffffffffffffffff", "QUFB", "0xaabb", "\t1", "+3", "999999999999999999999"};

    @Test
    void randomLinesGetAReplyOrAnAbort() {
        SplittableRandom r = new SplittableRandom(42);
        for (Accel accel : Accel.values()) {
            QtestSession s = new QtestSession(Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(),
                    List.of(), Release.DEFAULT, accel, null)));
            for (int i = 0; i < 20000; i++) {
                StringBuilder line = new StringBuilder();
                int n = r.nextInt(5);
                for (int w = 0; w < n; w++) {
                    line.append(w > 0 ? " " : "").append(WORDS[r.nextInt(WORDS.length)]);
                }
                try {
                    String reply = s.process(line.toString());
                    assertNotNull(reply);
                    assertTrue(reply.startsWith("OK") || reply.startsWith("FAIL") || reply.startsWith("ERR"), reply);
                } catch (QtestAbortException e) {
                    assertTrue(e.line() == i + 1);
                }
            }
        }
    }
}
