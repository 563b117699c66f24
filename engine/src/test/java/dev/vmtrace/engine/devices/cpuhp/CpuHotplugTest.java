package dev.vmtrace.engine.devices.cpuhp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.device.Register;
import dev.vmtrace.engine.device.RegisterMap;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineCatalog;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.DispatchKind;
import dev.vmtrace.engine.memory.GuestAccess;
import dev.vmtrace.engine.memory.AccessOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuHotplugTest {
    static final long Q35 = CpuHotplugRegisters.ICH9_BASE;

    static Machine machine(String type, String smp, Release release, Accel accel, List<DeviceEvent> events) {
        MachineConfig c = MachineConfig.parse(type, smp, null, List.of(), List.of(), release, accel, null);
        return Machine.build(c, MachineCatalog.standard(), events::add, 0);
    }

    static Machine q35(String smp) {
        return machine("q35", smp, Release.DEFAULT, Accel.QTEST, new ArrayList<>());
    }

    static long in(Machine m, long port, int size) {
        return m.in(port, size, 0, AccessSink.DISCARD);
    }

    static void out(Machine m, long port, long value, int size) {
        m.out(port, value, size, 0, AccessSink.DISCARD);
    }

    /** OVMF's negotiation steps 1-4 (devices.md 2.2); returns the value step 4 reads. */
    static long negotiate(Machine m, long base) {
        out(m, base, 0, 4);
        out(m, base, 0, 4);
        out(m, base + 5, 0, 1);
        return in(m, base, 4);
    }

    @Test
    void legacyBitmapHasThePresentCpusByApicId() {
        Machine m = q35("2,maxcpus=4");
        assertEquals(0x03, in(m, Q35, 1));
        assertEquals(0x03, in(m, Q35, 4));
        assertEquals(0, in(m, Q35 + 31, 1));
        assertTrue(m.device(CpuHotplug.class).legacyMode());
        // The legacy window ends at 0xcf7; the next port is the PCI config index (unmodeled here).
        Machine i440 = machine("pc", "3", Release.DEFAULT, Accel.QTEST, new ArrayList<>());
        assertEquals(0x07, in(i440, CpuHotplugRegisters.PIIX4_BASE, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCG", "KVM", "QTEST"})
    void negotiationWorksOnTheFixedRelease(String accel) {
        Machine m = machine("q35", "2,maxcpus=4", Release.DEFAULT, Accel.valueOf(accel), new ArrayList<>());
        assertEquals(0, negotiate(m, Q35));
        CpuHotplug cpuhp = m.device(CpuHotplug.class);
        assertFalse(cpuhp.legacyMode());
        assertEquals(12, m.io().flatView().lookup(Q35).region().size());
    }

    /** Seed 000: 5.1..7.2.0 under TCG drop steps 1-2 and step 4 reads 0 without reaching the device. */
    @Test
    void strictTcgBeforeTheFixLosesTheSwitchAndMisleadsTheGuest() {
        for (Release r : List.of(Release.of(5, 1, 0), Release.of(7, 2, 0))) {
            Machine m = machine("q35", "2,maxcpus=4", r, Accel.TCG, new ArrayList<>());
            AccessOutcome step1 = m.access(GuestAccess.out(Q35, 4, 0, 0));
            assertEquals(DispatchKind.DROPPED, step1.dispatches().get(0).kind(), r.toString());
            m.access(GuestAccess.out(Q35, 4, 0, 0));
            out(m, Q35 + 5, 0, 1);
            AccessOutcome step4 = m.access(GuestAccess.in(Q35, 4, 0));
            assertEquals(0, step4.access().value(), "step 4 reads 0 on " + r);
            assertEquals(DispatchKind.DROPPED, step4.dispatches().get(0).kind());
            assertTrue(m.device(CpuHotplug.class).legacyMode(), "still legacy on " + r);
            // The truth is visible with a byte read: the legacy bitmap.
            assertEquals(0x03, in(m, Q35, 1));
        }
    }

    @Test
    void lenientTcgAndKvmBeforeTheFixWork() {
        Machine lenient = machine("q35", "2,maxcpus=4", Release.of(5, 0, 0), Accel.TCG, new ArrayList<>());
        assertEquals(0, negotiate(lenient, Q35));
        assertFalse(lenient.device(CpuHotplug.class).legacyMode());
        for (Release r : List.of(Release.of(5, 1, 0), Release.of(7, 2, 0))) {
            Machine kvm = machine("q35", "2,maxcpus=4", r, Accel.KVM, new ArrayList<>());
            assertEquals(0, negotiate(kvm, Q35), r.toString());
            assertFalse(kvm.device(CpuHotplug.class).legacyMode());
        }
    }

    @Test
    void onlyByteZeroOfTheSwitchDwordMattersAndTheRestReachesTheOldRegion() {
        Machine m = q35("2,maxcpus=4");
        CpuHotplug cpuhp = m.device(CpuHotplug.class);
        AccessOutcome o = m.access(GuestAccess.out(Q35, 4, 0x100, -1));
        assertFalse(cpuhp.legacyMode());
        assertEquals(4, o.dispatches().size());
        for (var d : o.dispatches()) {
            assertEquals(cpuhp.legacyRegion().instance(), d.instance());
            assertEquals(1, d.size());
        }
        assertNotSame(cpuhp.legacyRegion(), m.io().flatView().lookup(Q35).region());
        // A non-zero byte at offset 0 does not switch.
        Machine m2 = q35("2,maxcpus=4");
        out(m2, Q35, 1, 1);
        assertTrue(m2.device(CpuHotplug.class).legacyMode());
    }

    @Test
    void enumerationFindsTwoPresentOfFourPossible() {
        Machine m = q35("2,maxcpus=4");
        assertEquals(0, negotiate(m, Q35));
        int present = 0;
        int sel = 0;
        out(m, Q35, 0, 4);
        out(m, Q35 + 5, 0, 1);
        while (true) {
            out(m, Q35, sel, 4);
            long data = in(m, Q35 + 8, 4);
            if (sel > 0 && data == 0) {
                break;
            }
            assertEquals(sel, data);
            present += (int) (in(m, Q35 + 4, 1) & 1);
            sel++;
        }
        assertEquals(2, present);
        assertEquals(4, sel);
        // Past the end: writes other than the selector are ignored, reads give 0, ports after the
        // 12-byte block are unassigned.
        out(m, Q35 + 5, 3, 1);
        assertEquals(0, in(m, Q35 + 4, 4));
        assertEquals(0xff, in(m, 0xce4, 1));
    }

    @Test
    void modernRegistersByExactOffset() {
        Machine m = q35("2,maxcpus=4");
        negotiate(m, Q35);
        out(m, Q35, 1, 4);
        out(m, Q35 + 5, 3, 1);
        assertEquals(1, in(m, Q35 + 8, 4));
        assertEquals(0, in(m, Q35 + 9, 1));
        assertEquals(0, in(m, Q35, 4));
        assertEquals(1, in(m, Q35 + 4, 4));
        out(m, Q35 + 5, 7, 1); // ignored: command stays 3
        assertEquals(1, in(m, Q35 + 8, 4));
        out(m, Q35, 2, 1);
        assertEquals(0, in(m, Q35 + 4, 1));
        assertEquals(0, in(m, Q35 + 5, 1));
    }

    @Test
    void hotplugLifecycleSetsFlagsRaisesGpeAndEjects() {
        List<DeviceEvent> events = new ArrayList<>();
        Machine m = machine("q35", "2,maxcpus=4", Release.DEFAULT, Accel.QTEST, events);
        CpuHotplug cpuhp = m.device(CpuHotplug.class);
        negotiate(m, Q35);
        assertTrue(cpuhp.hotAdd(2));
        assertFalse(cpuhp.hotAdd(2));
        assertTrue(events.stream().anyMatch(e -> e.kind().equals(DeviceEvent.GPE) && e.value() == 4));
        out(m, Q35, 0, 4);
        out(m, Q35 + 5, 0, 1);
        assertEquals(2, in(m, Q35 + 8, 4));
        assertEquals(0x3, in(m, Q35 + 4, 1));
        out(m, Q35 + 4, 2, 1);
        assertEquals(0x1, in(m, Q35 + 4, 1));
        assertTrue(cpuhp.unplugRequest(2));
        assertFalse(cpuhp.unplugRequest(0), "the BSP cannot be unplugged");
        assertEquals(0x5, in(m, Q35 + 4, 1));
        out(m, Q35 + 4, 4 | 8, 1); // only the first matching action (clear remove) runs
        assertEquals(0x1, in(m, Q35 + 4, 1));
        out(m, Q35 + 4, 8, 1);
        assertEquals(0, in(m, Q35 + 4, 1));
        assertTrue(events.stream().anyMatch(e -> e.kind().equals(CpuHotplug.EVENT_EJECT) && e.value() == 2));
        out(m, Q35, 0, 4);
        out(m, Q35 + 4, 8, 1); // BSP eject ignored
        assertEquals(1, in(m, Q35 + 4, 1));
    }

    @Test
    void legacyHotAddSetsTheBitmapAndUnplugIsRefused() {
        Machine m = q35("1,maxcpus=12");
        CpuHotplug cpuhp = m.device(CpuHotplug.class);
        assertTrue(cpuhp.hotAdd(9));
        assertEquals(0x02, in(m, Q35 + 1, 1));
        assertFalse(cpuhp.unplugRequest(9));
    }

    @Test
    void modernModeAndSelectorPersistAcrossReset() {
        Machine m = q35("2,maxcpus=4");
        negotiate(m, Q35);
        out(m, Q35, 1, 4);
        m.reset();
        assertFalse(m.device(CpuHotplug.class).legacyMode());
        out(m, Q35 + 5, 0, 1);
        assertEquals(1, in(m, Q35 + 8, 4));
    }

    @Test
    void registerMapsDeclareTheRulesOfEachRelease() {
        RegisterMap fixed = CpuHotplugRegisters.legacy(Release.of(7, 2, 1));
        RegisterMap unfixed = CpuHotplugRegisters.legacy(Release.of(7, 2, 0));
        assertEquals(4, fixed.rules().validMax());
        assertEquals(1, fixed.rules().implMax());
        assertEquals(1, unfixed.rules().validMax());
        assertEquals(32, fixed.registers().size());
        for (Register r : CpuHotplugRegisters.MODERN.registers()) {
            assertEquals(0, r.resetValue());
        }
        assertSame(CpuHotplugRegisters.MODERN, CpuHotplugRegisters.MODERN);
    }
}
