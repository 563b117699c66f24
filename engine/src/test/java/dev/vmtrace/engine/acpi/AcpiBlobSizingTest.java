package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sizing rules per machine type and release (devices.md 5.3, formats.md 7). */
class AcpiBlobSizingTest {
    static AcpiBlobSizes sizes(String machine, String smp, String release) {
        return AcpiBlobSizing.forMachine(MachineConfig.parse(machine, smp, null, List.of(), List.of(),
                Release.parse(release), Accel.QTEST, null));
    }

    @ParameterizedTest(name = "{0} -smp {1} on {2}")
    @CsvSource(nullValues = "-", value = {
        // machine,          smp,             release, rule,            tables used, rsdp in RAM, fw_cfg rsdp size
        "pc-i440fx-1.7,      -,               7.2.22,  pc-legacy-fixed, 0x2000,  false, 36",
        "pc-i440fx-2.0,      -,               7.2.22,  pc-legacy-fixed, 0x2000,  false, 36",
        "pc-i440fx-2.0,      '1,maxcpus=255', 7.2.22,  pc-legacy-fixed, 0x9000,  false, 36",
        "pc-i440fx-2.1,      '1,maxcpus=255', 7.2.22,  pc-padded-128k,  0x20000, false, 36",
        "pc-i440fx-2.2,      -,               7.2.22,  pc-padded-128k,  0x20000, false, 36",
        "pc-i440fx-2.3,      -,               7.2.22,  pc-padded-128k,  0x20000, true,  20",
        "pc-q35-7.2,         '1,maxcpus=255', 7.2.22,  pc-padded-128k,  0x20000, true,  20",
        "virt-4.0,           -,               4.0,     virt-unpadded,   0x3000,  true,  36",
        "virt-4.0,           -,               6.0,     virt-padded-128k, 0x20000, true, 36",
    })
    void rules(String machine, String smp, String release, String rule, String tablesUsed, boolean rsdpInRam, int rsdpSize) {
        AcpiBlobSizes s = sizes(machine, smp, release);
        assertEquals(rule, s.rule().name());
        assertEquals(Long.decode(tablesUsed), s.blob(AcpiFiles.TABLES).usedLength());
        assertEquals(rsdpInRam, s.rule().rsdpInRam());
        assertEquals(rsdpSize, s.blob(AcpiFiles.RSDP).fwCfgSize());
        if (!rsdpInRam) {
            assertNull(s.blob(AcpiFiles.RSDP).ramBlock());
        }
        assertEquals(0x1000, s.blob(AcpiFiles.LOADER).usedLength());
        assertFalse(s.rule().source().isBlank());
    }

    @ParameterizedTest
    @CsvSource({"2.2, false, 0x2000", "2.3, true, 0x200000", "7.2, true, 0x200000"})
    void resizableBlocksFromRelease23(String release, boolean resizable, String max) {
        AcpiBlobSizes s = sizes("pc-i440fx-2.0", null, release);
        assertEquals(resizable, s.rule().resizable());
        assertEquals(Long.decode(max), s.blob(AcpiFiles.TABLES).maxLength());
    }

    @ParameterizedTest
    @CsvSource({"pc-q35-4.2, 7.2, false", "pc-q35-5.0, 7.2, true", "pc-q35-4.2, 4.2, false", "virt-5.0, 5.0, true", "virt-4.2, 7.2, false"})
    void acpiMrRestore(String machine, String release, boolean expected) {
        assertEquals(expected, sizes(machine, null, release).rule().acpiMrRestore());
    }

    @ParameterizedTest
    @CsvSource({"4.2, false", "5.0, true"})
    void unalignedResizeNotificationFrom50(String release, boolean expected) {
        assertEquals(expected, sizes("virt-4.0", null, release).rule().resizeNotifiesUnaligned());
    }

    @org.junit.jupiter.api.Test
    void tablesGrowWithTheConfiguration() {
        int one = sizes("pc-q35-7.2", null, "7.2").rawTablesLength();
        int many = sizes("pc-q35-7.2", "8,maxcpus=64", "7.2").rawTablesLength();
        AcpiBlobSizes nv = AcpiBlobSizing.forMachine(MachineConfig.parse("pc-q35-7.2,nvdimm=on,slots=4", null, null,
                List.of("nvdimm,id=a,memdev=m0", "nvdimm,id=b,memdev=m1", "pci-bridge"), List.of(), Release.DEFAULT,
                Accel.QTEST, null));
        assertTrue(many > one + 63 * 60, "CPUs add processor devices and MADT entries: " + one + " -> " + many);
        assertTrue(nv.rawTablesLength() > one + 1000, "bridges and NVDIMMs add AML and an NFIT");
        assertTrue(one > 1024 && one < 0x10000, "order of magnitude of QEMU's tables");
    }
}
