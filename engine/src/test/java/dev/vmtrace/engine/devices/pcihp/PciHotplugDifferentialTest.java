package dev.vmtrace.engine.devices.pcihp;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vmtrace.engine.devices.PortDifferential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real QEMU 7.2 and vmtrace answer PCI hotplug register reads and writes identically. */
class PciHotplugDifferentialTest {

    /** Every register for bsel 0, 1, 255, 256, then 0 again; acpi-index and eject probes. */
    static List<String> registerScript(long base) {
        List<String> s = new ArrayList<>();
        for (long sel : new long[] {0, 1, 255, 256, 0x10000, 0}) {
            s.add(String.format("outl 0x%x 0x%x", base + 0x10, sel));
            for (int off = 0; off < 0x18; off += 4) {
                s.add(String.format("inl 0x%x", base + off));
            }
        }
        s.add(String.format("outl 0x%x 0x4", base + 0x14));
        s.add(String.format("inl 0x%x", base + 0x14));
        s.add(String.format("outl 0x%x 0x0", base + 8));
        s.add(String.format("outl 0x%x 0x3", base + 8));
        s.add(String.format("inl 0x%x", base + 0xc));
        s.add(String.format("inw 0x%x", base));
        s.add(String.format("inb 0x%x", base + 1));
        s.add(String.format("inl 0x%x", base + 2));
        s.add(String.format("outw 0x%x 0x1", base + 0x10));
        s.add(String.format("inl 0x%x", base + 0x10));
        return s;
    }

    @ParameterizedTest
    @CsvSource({"pc-i440fx-7.2,0xae00", "pc-q35-7.2,0xcc0"})
    void registersAndRandomAccesses(String machine, String base) throws Exception {
        long b = Long.decode(base);
        PortDifferential d = new PortDifferential(machine, "2,maxcpus=4");
        assertNull(d.compare(registerScript(b)));
        for (long seed = 1; seed <= 3; seed++) {
            assertNull(d.compare(PortDifferential.random(seed, 300, b, b + 0x17, 0, 1, 2, 4, 0xff, 0x100)), "seed " + seed);
        }
    }

    @org.junit.jupiter.api.Test
    void legacyPiixModeWithBridgeSupportOff() throws Exception {
        PortDifferential d = new PortDifferential("pc-i440fx-7.2", null,
                List.of("PIIX4_PM.acpi-pci-hotplug-with-bridge-support=off"));
        assertNull(d.compare(registerScript(0xae00)));
        assertNull(d.compare(PortDifferential.random(9, 300, 0xae00, 0xae17, 0, 1, 2, 4, 0xff)));
    }
}
