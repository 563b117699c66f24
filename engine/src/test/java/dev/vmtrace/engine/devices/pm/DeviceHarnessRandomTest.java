package dev.vmtrace.engine.devices.pm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.qtest.QtestSession;
import dev.vmtrace.engine.testing.DifferentialHarness;
import dev.vmtrace.engine.testing.QtestScriptGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's differential harness and seeded generator over every port the device packages
 * model (CPU hotplug, PCI hotplug, the PM block once PMBASE is programmed, GPE0), mixed with the
 * engine's own APM, unassigned and RAM candidates, on several {@code -smp} values. Writes that
 * could sleep the VM (PM1_CNT.SLP_EN) or arm APM SMIs (SMI_EN, which QEMU's qtest cannot deliver
 * without a vCPU) are left to the explicit scripts.
 */
class DeviceHarnessRandomTest {
    static final List<String> Q35_PMBASE = List.of("outl 0xcf8 0x8000f840", "outl 0xcfc 0x601",
            "outl 0xcf8 0x8000f844", "outb 0xcfc 0x80");
    static final List<String> PC_PMBASE = List.of("outl 0xcf8 0x80000b40", "outl 0xcfc 0x601",
            "outl 0xcf8 0x80000b80", "outb 0xcfc 0x1");

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"pc-q35-7.2;1", "pc-q35-7.2;2,maxcpus=4", "pc-q35-7.2;4,maxcpus=8",
            "pc-i440fx-7.2;1", "pc-i440fx-7.2;2,maxcpus=4", "pc-i440fx-7.2;3,maxcpus=12"})
    void randomScriptsOverTheDevicePorts(String machine, String smp) throws Exception {
        boolean q35 = machine.contains("q35");
        DifferentialHarness h = new DifferentialHarness(machine, smp);
        List<String> prefix = q35 ? Q35_PMBASE : PC_PMBASE;
        for (long seed = 1; seed <= 2; seed++) {
            Machine shadow = h.engineMachine();
            QtestSession s = new QtestSession(shadow);
            for (String c : prefix) {
                s.process(c);
            }
            QtestScriptGenerator g = new QtestScriptGenerator(seed, shadow).addPorts(0x600, 0x60b);
            if (q35) {
                g.addPorts(0x620, 0x62f).addPorts(0xcc0, 0xcd7).addPorts(0xcd8, 0xcf7);
            } else {
                g.addPorts(0xae00, 0xae17).addPorts(0xaf00, 0xaf1f).addPorts(0xafe0, 0xafe3);
            }
            List<String> script = new ArrayList<>(prefix);
            for (String c : g.generate(400)) {
                if (!PmDifferentialTest.touchesControl(c) && !touchesSmiEn(c)) {
                    script.add(c);
                }
            }
            DifferentialHarness.Result r = h.compare(script);
            assertTrue(r.identical(), "seed " + seed + ": " + r.report());
        }
    }

    static boolean touchesSmiEn(String c) {
        if (!c.startsWith("out")) {
            return false;
        }
        long port = Long.decode(c.split(" ")[1]);
        return port >= 0x62d && port < 0x634;
    }
}
