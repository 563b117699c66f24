package dev.vmtrace.engine.devices.mch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.testing.DifferentialHarness;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The q35 host bridge and its MMCONFIG window answer like QEMU 7.2: {@code samples/qtest/mmcfg.qtest} dumps
 * 00:00.0's config space through 0xcf8/0xcfc, enables PCIEXBAR, reads and writes 00:00.0 and
 * 00:1f.0 (PMBASE, ACPI_CNTL) and absent functions through the window with byte, word, dword
 * and quadword accesses, exercises EXT_TSEG_MBYTES, F_SMBASE and the SMRAM lock, then moves the
 * window (64 and 128 MiB, above 4 GiB, through itself), tries the reserved length and disables it.
 * Older machine types switch the {@code mch} compat properties (no extended TSEG up to 2.9, no
 * SMRAM at SMBASE up to 4.2).
 */
class MmcfgDifferentialTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(value = {"pc-q35-7.2;", "pc-q35-7.2,smm=on;2,maxcpus=4", "pc-q35-7.2,smm=off;",
        "pc-q35-4.2;", "pc-q35-2.9;", "pc-q35-5.0;"}, delimiter = ';')
    void mmcfgScriptIsIdentical(String machine, String smp) throws Exception {
        DifferentialHarness h = new DifferentialHarness(machine, smp);
        List<String> script = Files.readAllLines(RealQemu.repoDir().resolve("samples/qtest/mmcfg.qtest"),
                StandardCharsets.US_ASCII);
        DifferentialHarness.Result r = h.compare(script);
        assertTrue(r.identical(), r.report());
    }
}
