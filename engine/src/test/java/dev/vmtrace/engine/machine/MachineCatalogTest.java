package dev.vmtrace.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.pc.PcCompat;
import org.junit.jupiter.api.Test;

/** Releases, machine types and compat values as the catalogue documents them. */
class MachineCatalogTest {
    private final MachineCatalog catalog = MachineCatalog.standard();

    @Test
    void everyEntryResolvesOnEveryMachineTypeOfEveryRelease() {
        for (Release r : Release.KNOWN) {
            for (MachineType t : catalog.machineTypes(r)) {
                for (CompatProperty<?> p : catalog.properties()) {
                    if (!p.appliesTo(t.family())) {
                        continue;
                    }
                    assertNotNull(t.get(p), t + " " + p.key());
                    assertTrue(p.type().isInstance(t.get(p)));
                }
            }
        }
    }

    @Test
    void releasesOfferOnlyMachineTypesUpToTheirVersion() {
        assertNotNull(catalog.resolve("pc-q35-2.7", Release.of(2, 7, 0)));
        assertNull(catalog.resolve("pc-q35-2.9", Release.of(2, 7, 0)));
        assertEquals("pc-q35-7.2", catalog.resolve("q35", Release.DEFAULT).name());
        assertEquals("pc-i440fx-5.0", catalog.resolve("pc", Release.of(5, 0, 0)).name());
        assertEquals("pc-q35-4.0.1", catalog.resolve("pc-q35-4.0.1", Release.DEFAULT).name());
        assertNull(catalog.resolve("pc-q35-9.9", Release.DEFAULT));
    }

    @Test
    void compatValuesFollowTheMachineTypeVersion() {
        MachineType q28 = catalog.resolve("pc-q35-2.8", Release.DEFAULT);
        MachineType q51 = catalog.resolve("pc-q35-5.1", Release.DEFAULT);
        MachineType q72 = catalog.resolve("pc-q35-7.2", Release.DEFAULT);
        assertFalse(q28.get(PcCompat.ICH9_SMI_BROADCAST));
        assertTrue(q51.get(PcCompat.ICH9_SMI_BROADCAST));
        assertFalse(q51.get(PcCompat.ICH9_SMI_CPU_HOTPLUG));
        assertTrue(q72.get(PcCompat.ICH9_SMI_CPU_HOTUNPLUG));
        assertTrue(catalog.resolve("pc-i440fx-2.6", Release.DEFAULT).get(PcCompat.LEGACY_CPU_HOTPLUG));
        assertFalse(catalog.resolve("pc-i440fx-2.7", Release.DEFAULT).get(PcCompat.LEGACY_CPU_HOTPLUG));
        assertEquals(6414L, catalog.resolve("pc-i440fx-1.7", Release.DEFAULT).get(PcCompat.LEGACY_ACPI_TABLE_SIZE));
        assertEquals(6652L, catalog.resolve("pc-i440fx-2.0", Release.DEFAULT).get(PcCompat.LEGACY_ACPI_TABLE_SIZE));
        assertEquals(0L, catalog.resolve("pc-i440fx-2.1", Release.DEFAULT).get(PcCompat.LEGACY_ACPI_TABLE_SIZE));
    }

    @Test
    void releasesImplyTheirPolicy() {
        assertEquals(AccessPolicy.LENIENT, Release.of(5, 0, 0).impliedPolicy());
        assertEquals(AccessPolicy.LENIENT, Release.of(2, 7, 0).impliedPolicy());
        assertEquals(AccessPolicy.STRICT, Release.of(5, 1, 0).impliedPolicy());
        assertEquals(AccessPolicy.STRICT, Release.of(1, 5, 0).impliedPolicy());
        assertEquals("7.2.22", Release.DEFAULT.toString());
        assertEquals("2.7", Release.parse("2.7").toString());
        assertNull(Release.parse("7.x"));
    }
}
