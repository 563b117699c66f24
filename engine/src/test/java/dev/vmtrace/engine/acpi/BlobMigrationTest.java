package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ACPI blob RAM blocks between source and destination, by machine type and release. */
class BlobMigrationTest {
    static BlobMigration tables(List<BlobMigration> l) {
        return l.stream().filter(b -> b.ramBlock().equals("/rom@etc/acpi/tables")).findFirst().orElseThrow();
    }

    @Test
    void legacyFixedBlocksOfOldReleasesRefuseAnotherSize() {
        AcpiBlobSizes src = AcpiBlobSizingTest.sizes("pc-i440fx-2.0", "1,maxcpus=255", "7.2");
        AcpiBlobSizes dst = AcpiBlobSizingTest.sizes("pc-i440fx-2.0", null, "2.2");
        BlobMigration t = tables(BlobMigration.check(src, dst));
        assertEquals(BlobMigration.Outcome.MISMATCH_FIXED, t.outcome());
        assertEquals("Size mismatch: /rom@etc/acpi/tables: 0x9000 != 0x2000: Invalid argument", t.message());
        // the same pair on a release with resizable blocks just resizes
        assertEquals(BlobMigration.Outcome.RESIZED,
                tables(BlobMigration.check(src, AcpiBlobSizingTest.sizes("pc-i440fx-2.0", null, "7.2"))).outcome());
    }

    @Test
    void rsdpBlockUnknownOnOldMachineTypes() {
        List<BlobMigration> l = BlobMigration.check(AcpiBlobSizingTest.sizes("pc-i440fx-2.3", null, "7.2"),
                AcpiBlobSizingTest.sizes("pc-i440fx-2.2", null, "7.2"));
        BlobMigration rsdp = l.stream().filter(b -> b.ramBlock().equals("/rom@etc/acpi/rsdp")).findFirst().orElseThrow();
        assertEquals(BlobMigration.Outcome.UNKNOWN_ON_DESTINATION, rsdp.outcome());
        assertEquals("Unknown ramblock \"/rom@etc/acpi/rsdp\", cannot accept migration", rsdp.message());
        assertTrue(rsdp.fails());
    }

    @Test
    void paddedTypesMigrateUnchangedAndVirtResizes() {
        assertEquals(BlobMigration.Outcome.SAME, tables(BlobMigration.check(
                AcpiBlobSizingTest.sizes("pc-q35-7.2", null, "7.2"),
                AcpiBlobSizingTest.sizes("pc-q35-7.2", "1,maxcpus=255", "7.2"))).outcome());
        BlobMigration v = tables(BlobMigration.check(AcpiBlobSizingTest.sizes("virt-4.0", null, "6.0"),
                AcpiBlobSizingTest.sizes("virt-4.0", null, "5.0")));
        assertEquals(BlobMigration.Outcome.RESIZED, v.outcome());
        assertFalse(v.fails());
        assertTrue(v.message().contains("virt-padded-128k -> virt-unpadded"), v.message());
    }
}
