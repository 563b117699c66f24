package dev.vmtrace.engine.qtest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine's qtest command parser under hostile scripts: every line gets a reply QEMU could
 * send ({@code OK...}, {@code FAIL ...}, {@code ERR ...}) or ends the session with
 * {@link QtestAbortException}, the documented type for commands QEMU aborts on; nothing else
 * escapes. Seeds: the qtest commands of formats.md section 2 and the differential test's rules.
 */
class QtestSessionFuzzTest {
    /** Caps the lines run per input so one input stays fast. */
    private static final int MAX_LINES = 64;

    @FuzzTest(maxDuration = "60s")
    void process(byte[] data) {
        Accel accel = data.length > 0 && (data[0] & 1) != 0 ? Accel.TCG : Accel.QTEST;
        QtestSession s = new QtestSession(Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(),
                List.of(), Release.DEFAULT, accel, null)));
        String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
            String reply;
            try {
                reply = s.process(lines[i]);
            } catch (QtestAbortException e) {
                if (e.line() != i + 1 || e.getMessage() == null || e.getMessage().indexOf('\n') >= 0) {
                    throw new AssertionError("abort at line " + e.line() + " for line " + (i + 1) + ": "
                            + e.getMessage(), e);
                }
                return;
            }
            if (reply == null || reply.indexOf('\n') >= 0
                    || !(reply.startsWith("OK") || reply.startsWith("FAIL") || reply.startsWith("ERR"))) {
                throw new AssertionError("reply to line " + (i + 1) + " is not a qtest reply: " + reply);
            }
        }
    }
}
