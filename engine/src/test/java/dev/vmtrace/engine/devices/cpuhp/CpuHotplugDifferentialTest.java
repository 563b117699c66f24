package dev.vmtrace.engine.devices.cpuhp;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vmtrace.engine.devices.PortDifferential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real QEMU 7.2 and vmtrace answer the CPU hotplug protocols and random accesses identically. */
class CpuHotplugDifferentialTest {

    /** OVMF's negotiation (steps 1-4), its enumeration loop, a re-detection, then command 3. */
    static List<String> ovmfScript(long base, int possible) {
        List<String> s = new ArrayList<>();
        s.add(String.format("inb 0x%x", base));
        s.add(String.format("inl 0x%x", base));
        s.add(String.format("outl 0x%x 0x0", base));
        s.add(String.format("outl 0x%x 0x0", base));
        s.add(String.format("outb 0x%x 0x0", base + 5));
        s.add(String.format("inl 0x%x", base));
        for (int i = 0; i <= possible; i++) {
            s.add(String.format("outl 0x%x 0x%x", base, i));
            s.add(String.format("inl 0x%x", base + 8));
            s.add(String.format("inb 0x%x", base + 4));
        }
        s.add(String.format("outl 0x%x 0x0", base));
        s.add(String.format("outl 0x%x 0x0", base));
        s.add(String.format("outb 0x%x 0x0", base + 5));
        s.add(String.format("inl 0x%x", base));
        for (int i = 0; i < possible; i++) {
            s.add(String.format("outb 0x%x 0x%x", base, i));
            s.add(String.format("outb 0x%x 0x3", base + 5));
            s.add(String.format("inl 0x%x", base + 8));
            s.add(String.format("inl 0x%x", base));
            s.add(String.format("inw 0x%x", base + 4));
        }
        for (int p = 0; p < 32; p++) {
            s.add(String.format("inb 0x%x", base + p));
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"pc-q35-7.2,1,1", "pc-q35-7.2,'2,maxcpus=4',4", "pc-q35-7.2,'3,maxcpus=9',9",
            "pc-i440fx-7.2,1,1", "pc-i440fx-7.2,'2,maxcpus=4',4", "pc-i440fx-7.2,'5,maxcpus=16',16"})
    void ovmfNegotiationAndEnumeration(String machine, String smp, int possible) throws Exception {
        long base = machine.contains("q35") ? CpuHotplugRegisters.ICH9_BASE : CpuHotplugRegisters.PIIX4_BASE;
        assertNull(new PortDifferential(machine, smp).compare(ovmfScript(base, possible)));
    }

    @ParameterizedTest
    @CsvSource({"pc-q35-7.2,'2,maxcpus=4'", "pc-i440fx-7.2,'3,maxcpus=8'"})
    void randomAccessesInBothModes(String machine, String smp) throws Exception {
        long base = machine.contains("q35") ? CpuHotplugRegisters.ICH9_BASE : CpuHotplugRegisters.PIIX4_BASE;
        for (long seed = 1; seed <= 3; seed++) {
            // Small values make switches, valid selectors and commands likely.
            List<String> script = PortDifferential.random(seed, 300, base, base + 0x1f, 0, 1, 2, 3, 4, 8, 0x10, 0x100);
            assertNull(new PortDifferential(machine, smp).compare(script), "seed " + seed);
        }
    }
}
