package dev.vmtrace.engine.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The acceptance test of the engine: real QEMU 7.2 and the engine answer the same qtest scripts
 * identically, on pc-i440fx-7.2 and pc-q35-7.2.
 */
class DifferentialQtestTest {

    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void ruleScriptIsIdentical(String machine) throws Exception {
        DifferentialHarness h = new DifferentialHarness(machine, null);
        DifferentialHarness.Result r = h.compare(DifferentialHarness.script("rules.qtest"));
        assertTrue(r.identical(), r.report());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2", "pc-q35-7.2,smm=on"})
    void randomScriptsAreIdentical(String machine) throws Exception {
        DifferentialHarness h = new DifferentialHarness(machine, "2,maxcpus=4");
        java.util.Set<Long> touched = new java.util.HashSet<>();
        for (long seed = 1; seed <= 3; seed++) {
            List<String> script = new QtestScriptGenerator(seed, h.engineMachine()).generate(400);
            DifferentialHarness.Result r = h.compare(script);
            assertTrue(r.identical(), "seed " + seed + ": " + r.report());
            for (String c : script) {
                if (c.startsWith("in") || c.startsWith("out")) {
                    touched.add(Long.decode(c.split(" ")[1]));
                }
            }
        }
        // every modeled device range was exercised
        for (dev.vmtrace.engine.memory.FlatRange fr : h.engineMachine().io().flatView().ranges()) {
            if (fr.region().kind() == dev.vmtrace.engine.memory.RegionKind.DEVICE) {
                assertTrue(touched.stream().anyMatch(p -> p >= fr.start() && p < fr.end()),
                        "no access to " + fr.region().name() + " at 0x" + Long.toHexString(fr.start()));
            }
        }
    }
}
