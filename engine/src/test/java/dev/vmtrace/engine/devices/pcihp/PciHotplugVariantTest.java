package dev.vmtrace.engine.devices.pcihp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.device.VirtualTime;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seed 003: the 2012 race and its fix, on the exact sequences of the story. */
class PciHotplugVariantTest {
    final List<DeviceEvent> events = new ArrayList<>();

    AcpiPciHotplug device(PciHotplugVariant v) {
        DeviceContext ctx = new DeviceContext(new VirtualTime(), new SplittableRandom(0), events::add, () -> -1);
        AcpiPciHotplug d = new AcpiPciHotplug("PIIX4_PM", ctx, v, true, true, PciHotplugPart.I440FX_FIXED_SLOTS);
        d.reset();
        return d;
    }

    /** A device in slot 4 is known to the guest; then slot 3 is added and slot 4's removal requested. */
    static void addThenRemoveBeforeTheGpeHandler(AcpiPciHotplug d) {
        assertTrue(d.hotAdd(4));
        d.read(PciHotplugRegisters.UP, 4); // the guest handled the first event
        assertTrue(d.hotAdd(3));
        assertTrue(d.unplugRequest(4));
    }

    @Test
    void preFixLosesTheInsertOfTheFirstEvent() {
        AcpiPciHotplug d = device(PciHotplugVariant.PRE_RACE_FIX);
        addThenRemoveBeforeTheGpeHandler(d);
        assertEquals(0, d.read(PciHotplugRegisters.UP, 4), "slot 3's insert was wiped");
        assertEquals(1 << 4, d.read(PciHotplugRegisters.DOWN, 4));
    }

    @Test
    void postFixReportsBothEvents() {
        AcpiPciHotplug d = device(PciHotplugVariant.POST_RACE_FIX);
        addThenRemoveBeforeTheGpeHandler(d);
        assertEquals((1 << 3) | (1 << 4), d.read(PciHotplugRegisters.UP, 4), "present and hot-pluggable");
        assertEquals(1 << 4, d.read(PciHotplugRegisters.DOWN, 4));
        assertEquals((1 << 3) | (1 << 4), d.read(PciHotplugRegisters.UP, 4), "not cleared on read");
    }

    @Test
    void modernSetsUpOnPlugAndClearsItOnRead() {
        AcpiPciHotplug d = device(PciHotplugVariant.MODERN);
        addThenRemoveBeforeTheGpeHandler(d);
        assertEquals(1 << 3, d.read(PciHotplugRegisters.UP, 4));
        assertEquals(0, d.read(PciHotplugRegisters.UP, 4));
        assertEquals(1 << 4, d.read(PciHotplugRegisters.DOWN, 4));
    }

    @Test
    void resetFlushesPendingEjectsAfterTheFixOnly() {
        AcpiPciHotplug post = device(PciHotplugVariant.POST_RACE_FIX);
        post.hotAdd(5);
        post.unplugRequest(5);
        post.reset();
        assertEquals(0, post.read(PciHotplugRegisters.DOWN, 4));
        assertFalse(post.slotPresent(5));
        assertTrue(events.stream().anyMatch(e -> e.kind().equals(AcpiPciHotplug.EVENT_DELETED) && e.value() == 5));
        events.clear();
        AcpiPciHotplug pre = device(PciHotplugVariant.PRE_RACE_FIX);
        pre.hotAdd(5);
        pre.unplugRequest(5);
        pre.reset();
        assertEquals(1 << 5, pre.read(PciHotplugRegisters.DOWN, 4));
        assertTrue(pre.slotPresent(5));
        assertTrue(events.stream().noneMatch(e -> e.kind().equals(AcpiPciHotplug.EVENT_DELETED)));
    }

    @Test
    void guestEjectRemovesTheLowestSlotAndClearsItsBits() {
        AcpiPciHotplug d = device(PciHotplugVariant.MODERN);
        d.hotAdd(6);
        d.hotAdd(7);
        d.unplugRequest(6);
        d.unplugRequest(7);
        d.write(PciHotplugRegisters.EJECT, (1 << 6) | (1 << 7), 4);
        assertFalse(d.slotPresent(6));
        assertTrue(d.slotPresent(7));
        assertEquals(1 << 7, d.read(PciHotplugRegisters.DOWN, 4));
        d.write(PciHotplugRegisters.EJECT, 0b11, 4); // host bridge and PIIX3 are not hot-pluggable
        assertTrue(d.slotPresent(0));
        assertFalse(d.unplugRequest(1));
    }

    @Test
    void legacyPiixUpSurvivesReadsAndReset() {
        Machine m = Machine.build(MachineConfig.parse("pc-i440fx-7.2", null, null, List.of(),
                List.of("PIIX4_PM.acpi-pci-hotplug-with-bridge-support=off"), Release.DEFAULT, Accel.QTEST, null));
        AcpiPciHotplug d = m.device(AcpiPciHotplug.class);
        assertTrue(d.legacyPiix());
        d.hotAdd(9);
        assertEquals(AcpiPciHotplug.GPE_BIT, m.in(0xafe0, 1, -1, AccessSink.DISCARD));
        assertEquals(1 << 9, m.in(0xae00, 4, -1, AccessSink.DISCARD));
        m.reset();
        assertEquals(1 << 9, m.in(0xae00, 4, -1, AccessSink.DISCARD));
        assertEquals(PciHotplugVariant.MODERN, d.variant());
        assertEquals(0, m.in(0xafe0, 1, -1, AccessSink.DISCARD), "reset clears GPE status");
    }

    @Test
    void variantByRelease() {
        assertEquals(PciHotplugVariant.PRE_RACE_FIX, PciHotplugVariant.of(Release.of(1, 0, 0)));
        assertEquals(PciHotplugVariant.POST_RACE_FIX, PciHotplugVariant.of(Release.of(1, 1, 0)));
        assertEquals(PciHotplugVariant.POST_RACE_FIX, PciHotplugVariant.of(Release.of(1, 6, 0)));
        assertEquals(PciHotplugVariant.MODERN, PciHotplugVariant.of(Release.of(1, 7, 0)));
    }
}
