package dev.vmtrace.compat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.source.SchemaSources;
import dev.vmtrace.engine.testing.RealQemu;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * QEMU's own checker test data: vmtrace must report every one of the 13 errors
 * vmstate-static-checker.py reports for dump1 -> dump2, and nothing for a dump against itself.
 */
class CheckerDataTest {
    static SchemaSet dump(String name) throws Exception {
        return SchemaSources.resolve(RealQemu.realFile("checker-data/" + name).toString());
    }

    /** The 13 errors of QEMU's checker (formats.md section 6), as the vmtrace finding that reports each. */
    static final List<String[]> QEMU_ERRORS = List.of(
            new String[] {"fw_cfg missing", "SECTION_UNKNOWN", "fw_cfg"},
            new String[] {"fusbh200-ehci-usb version 2 > 1", "SECTION_VERSION_TOO_NEW", "fusbh200-ehci-usb"},
            new String[] {"fusbh200-ehci-usb usbsts vs usbsts_pending", "FIELD_MISSING_IN_DESTINATION",
                "fusbh200-ehci-usb > ehci.usbsts"},
            new String[] {"pci-serial-4x Fields missing", "FIELDS_MISSING", "pci-serial-4x"},
            new String[] {"intel-hda-generic nested pci description missing", "NESTED_DESCRIPTION_MISSING",
                "intel-hda-generic > pci"},
            new String[] {"cfi.pflash01 Description missing", "DESCRIPTION_MISSING", "cfi.pflash01"},
            new String[] {"megasas irq_state, no further destination fields", "FIELD_MISSING_IN_DESTINATION",
                "megasas > parent_obj.irq_state"},
            new String[] {"PIIX3-xen minimum version 1 < 2", "DESCRIPTION_VERSION_TOO_OLD", "PIIX3-xen"},
            new String[] {"PIIX3-xen Subsections missing", "SUBSECTION_UNKNOWN", "PIIX3-xen > [PIIX3/rcr]"},
            new String[] {"tpci200 description renamed tpci2002", "DESCRIPTION_RENAMED", "tpci200"},
            new String[] {"SUNW,fdtwo fdc version 2 > 1", "DESCRIPTION_VERSION_TOO_NEW", "sun-fdtwo"},
            new String[] {"fdrive/media_rate missing", "SUBSECTION_UNKNOWN", "[fdrive/media_rate]"},
            new String[] {"usb-kbd kbd.keycodes size 4 vs 2", "FIELD_SIZE_MISMATCH", "usb-kbd > kbd.keycodes"});

    @Test
    void reportsEveryErrorQemusCheckerReports() throws Exception {
        CompatResult r = CompatChecker.check(dump("dump1.json"), dump("dump2.json"));
        String all = r.findings().stream().map(f -> f.severity() + " " + f.code() + " " + f.path() + ": " + f.message())
                .collect(Collectors.joining("\n"));
        assertEquals(13, QEMU_ERRORS.size());
        for (String[] e : QEMU_ERRORS) {
            boolean found = r.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR && f.code().equals(e[1])
                    && (f.path().equals(e[2]) || f.path().endsWith(e[2]) || f.path().contains(e[2])));
            assertTrue(found, "QEMU's error \"" + e[0] + "\" should be " + e[1] + " at " + e[2] + "\n" + all);
        }
        assertEquals("incompatible", r.verdict());
    }

    @Test
    void aDumpAgainstItselfHasNoFinding() throws Exception {
        for (String name : List.of("dump1.json", "dump2.json")) {
            CompatResult r = CompatChecker.check(dump(name), dump(name));
            assertEquals(List.of(), r.findings(), name);
        }
        SchemaSet q35 = SchemaSources.resolve(RealQemu.realFile("dump/pc-q35-7.2.json.gz").toString());
        assertEquals(List.of(), CompatChecker.check(q35, q35).findings());
    }
}
