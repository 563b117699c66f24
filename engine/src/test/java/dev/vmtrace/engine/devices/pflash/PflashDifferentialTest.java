package dev.vmtrace.engine.devices.pflash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.qtest.QtestSession;
import dev.vmtrace.engine.testing.QemuQtest;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PC system flash answers like QEMU 7.2's {@code cfi.pflash01}: {@code samples/qtest/pflash.qtest}
 * runs on {@code qemu-system-x86_64 -M M -S -drive if=pflash,unit=0,readonly=on (OVMF code)
 * -drive if=pflash,unit=1 (a copy of the OVMF variable store)} and on the engine with the same
 * images, and every reply must be equal: direct reads of both arrays, CFI and ID queries, the
 * status register at every width, program, block erase and write-to-buffer on flash1 with read
 * back, refused program/erase on the read-only flash0, commands in wide and unaligned writes.
 * With {@code secure=on} (the OVMF capture's setting) qtest's non-secure writes are refused, so
 * the same script reads the untouched arrays.
 */
class PflashDifferentialTest {
    static final Path CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.secboot.fd");
    static final Path VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    @TempDir
    Path tmp;

    /** The OVMF images (Debian package {@code ovmf}, which {@code .ci/run} installs): skip locally without them. */
    static void requireImages() {
        Assumptions.assumeTrue(RealQemu.inCi() || Files.isRegularFile(CODE) && Files.isRegularFile(VARS),
                "OVMF images not installed");
    }

    @ParameterizedTest(name = "{0} secure={1}")
    @CsvSource({"pc-q35-7.2,off", "pc-q35-7.2,on", "pc-i440fx-7.2,off"})
    void pflashScriptIsIdentical(String machine, String secure) throws Exception {
        Path qemu = RealQemu.requireQemu();
        requireImages();
        List<String> script = Files.readAllLines(RealQemu.repoDir().resolve("samples/qtest/pflash.qtest"),
                StandardCharsets.US_ASCII);
        Path qemuVars = Files.copy(VARS, tmp.resolve("qemu-vars.fd"), StandardCopyOption.REPLACE_EXISTING);
        List<String> args = new ArrayList<>(List.of("-M", machine, "-S",
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + CODE,
                "-drive", "if=pflash,format=raw,unit=1,file=" + qemuVars));
        if (secure.equals("on")) {
            args.addAll(List.of("-global", "driver=cfi.pflash01,property=secure,value=on"));
        }
        List<String> expected;
        try (QemuQtest q = QemuQtest.start(qemu, args)) {
            expected = q.sendAll(script);
        }
        String m = machine + ",pflash0=" + CODE + ",pflash0-readonly=on,pflash1=" + VARS;
        List<String> globals = secure.equals("on") ? List.of("cfi.pflash01.secure=on") : List.of();
        QtestSession s = new QtestSession(Machine.build(MachineConfig.parse(m, null, null, List.of(), globals,
                Release.DEFAULT, Accel.KVM, null)));
        for (int i = 0; i < script.size(); i++) {
            assertEquals(expected.get(i), s.process(script.get(i)), "command " + (i + 1) + ": " + script.get(i));
        }
    }
}
