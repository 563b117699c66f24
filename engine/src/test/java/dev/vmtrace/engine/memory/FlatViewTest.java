package dev.vmtrace.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Rendering as QEMU does: priorities, insertion order, containers, aliases, disabled regions. */
class FlatViewTest {

    private static Region dev(String name, long size) {
        return Region.unmodeled(name, size, AccessRules.DEFAULT, Endianness.LITTLE);
    }

    @Test
    void higherPriorityWinsAndTerminatingParentFillsGaps() {
        Region root = Region.unassignedIo("io", 0x10000);
        root.add(0xcf8, dev("pci-conf-idx", 4), 0);
        root.add(0xcf9, dev("lpc-reset-control", 1), 1);
        FlatView v = FlatView.render(root, 0x10000);
        assertEquals("io", v.lookup(0xcf7).region().name());
        assertEquals("pci-conf-idx", v.lookup(0xcf8).region().name());
        assertEquals("lpc-reset-control", v.lookup(0xcf9).region().name());
        FlatRange tail = v.lookup(0xcfa);
        assertEquals("pci-conf-idx", tail.region().name());
        assertEquals(2, tail.offsetOf(0xcfa), "offset inside the region, not the range");
        assertEquals(0xcfc, v.lookup(0xcfc).offsetOf(0xcfc), "the io root's offset is the port");
    }

    @Test
    void amongEqualPrioritiesTheLastAddedWins() {
        Region root = Region.container("c", 0x100);
        root.add(0x10, dev("first", 0x10), 0);
        root.add(0x10, dev("second", 0x10), 0);
        assertEquals("second", FlatView.render(root, 0x100).lookup(0x10).region().name());
    }

    @Test
    void pureContainersLeaveHolesAndDisabledRegionsVanish() {
        Region root = Region.container("system", 0x1000);
        Region pm = Region.container("pm", 0x80);
        pm.add(0, dev("acpi-evt", 4));
        root.add(0x600, pm);
        FlatView v = FlatView.render(root, 0x1000);
        assertEquals("acpi-evt", v.lookup(0x602).region().name());
        assertNull(v.lookup(0x604));
        pm.setEnabled(false);
        assertNull(FlatView.render(root, 0x1000).lookup(0x600));
    }

    @Test
    void aliasesMapOntoTheirTargetOffset() {
        Region root = Region.container("system", 0x100000);
        Region bios = Region.rom("pc.bios", 0x40000);
        root.add(0xe0000, Region.alias("isa-bios", bios, 0x20000, 0x20000), 1);
        FlatRange r = root.subregions().isEmpty() ? null : FlatView.render(root, 0x100000).lookup(0xe0010);
        assertEquals("pc.bios", r.region().name());
        assertEquals(0x20010, r.offsetOf(0xe0010));
    }

    @Test
    void addressSpaceRebuildsAfterReplace() {
        Region root = Region.unassignedIo("io", 0x10000);
        AddressSpace as = new AddressSpace("I/O", Space.IO, root, 0x10000);
        RegionSlot slot = root.add(0xcd8, dev("legacy", 32), 0);
        assertEquals("legacy", as.flatView().lookup(0xcf0).region().name());
        slot.replace(dev("modern", 12));
        assertEquals("modern", as.flatView().lookup(0xcd8).region().name());
        assertEquals("io", as.flatView().lookup(0xcf0).region().name(), "the shrunk window falls through to io");
        slot.unmap();
        assertEquals("io", as.flatView().lookup(0xcd8).region().name());
        slot.mapAt(0x100);
        assertEquals("modern", as.flatView().lookup(0x100).region().name());
    }

    @Test
    void mappingTwiceFailsFast() {
        Region root = Region.container("c", 0x100);
        Region d = dev("d", 1);
        root.add(0, d);
        assertThrows(IllegalStateException.class, () -> root.add(1, d));
        assertThrows(IllegalArgumentException.class, () -> root.add(0x100, dev("e", 1)));
    }
}
