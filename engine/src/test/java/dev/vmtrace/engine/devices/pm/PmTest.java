package dev.vmtrace.engine.devices.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineCatalog;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PmTest {
    final List<DeviceEvent> events = new ArrayList<>();

    Machine machine(String type, String smp) {
        return Machine.build(MachineConfig.parse(type, smp, null, List.of(), List.of(), Release.DEFAULT, Accel.QTEST, null),
                MachineCatalog.standard(), events::add, 0);
    }

    static long in(Machine m, long port, int size) {
        return m.in(port, size, -1, AccessSink.DISCARD);
    }

    static void out(Machine m, long port, long v, int size) {
        m.out(port, v, size, -1, AccessSink.DISCARD);
    }

    static void q35PmBase(Machine m, long base) {
        out(m, 0xcf8, 0x8000f840L, 4);
        out(m, 0xcfc, base | 1, 4);
        out(m, 0xcf8, 0x8000f844L, 4);
        out(m, 0xcfc, 0x80, 1);
    }

    @Test
    void pmBlockIsUnmappedUntilFirmwareProgramsPmbase() {
        Machine m = machine("pc-q35-7.2", null);
        assertEquals(0xffff, in(m, 0x604, 2));
        q35PmBase(m, 0x600);
        assertEquals(0, in(m, 0x604, 2));
        q35PmBase(m, 0xb000);
        assertEquals(0xffff, in(m, 0x604, 2));
        assertEquals(0, in(m, 0xb004, 2));
        m.reset();
        assertEquals(0xffff, in(m, 0xb004, 2), "reset unmaps the block (PMBASE back to 1, ACPI_EN 0)");
    }

    @Test
    void timerCountsVirtualTimeAt3579545Hz() {
        Machine m = machine("pc-q35-7.2", null);
        q35PmBase(m, 0x600);
        m.time().advanceTo(1_000_000_000L);
        assertEquals(3_579_545L & 0xffffff, in(m, 0x608, 4));
        m.time().advanceTo(10_000_000_000L);
        assertEquals(35_795_450L & 0xffffff, in(m, 0x608, 4));
        assertEquals(35_795_450L & 0xff, in(m, 0x609, 1), "a byte at offset 1 reads the low byte");
        assertEquals(AcpiRegs.mulDiv(7_000_000_123L, AcpiRegs.PM_TIMER_HZ, 1_000_000_000L),
                7_000_000_123L * AcpiRegs.PM_TIMER_HZ / 1_000_000_000L);
    }

    @Test
    void timerOverflowRaisesSciWhenEnabled() {
        Machine m = machine("pc-q35-7.2", null);
        q35PmBase(m, 0x600);
        out(m, 0xb2, Ich9Pm.APM_ACPI_ENABLE, 1);
        assertEquals(AcpiRegs.SCI_EN, in(m, 0x604, 2) & 1);
        out(m, 0x600, AcpiRegs.TMR, 2); // clear: next overflow at 0x800000 ticks
        assertEquals(0, in(m, 0x600, 2) & AcpiRegs.TMR);
        out(m, 0x602, AcpiRegs.TMR, 2);
        assertFalse(events.stream().anyMatch(e -> e.kind().equals(DeviceEvent.SCI) && e.value() == 1));
        m.time().advanceTo(3_000_000_000L); // 0x800000 ticks is about 2.34 s
        assertEquals(AcpiRegs.TMR, in(m, 0x600, 2) & AcpiRegs.TMR);
        assertTrue(events.stream().anyMatch(e -> e.kind().equals(DeviceEvent.SCI) && e.value() == 1));
        out(m, 0xb2, Ich9Pm.APM_ACPI_DISABLE, 1);
        assertEquals(0, in(m, 0x604, 2) & 1);
    }

    @Test
    void apmSmiGoesToTheWritingCpuUnlessBroadcastWasNegotiated() {
        Machine m = machine("pc-q35-7.2", "2");
        q35PmBase(m, 0x600);
        out(m, 0xb2, 0x55, 1);
        assertTrue(events.stream().noneMatch(e -> e.kind().equals(DeviceEvent.SMI)), "APMC_EN is 0 with SMM");
        out(m, 0x630, PmRegisters.SMI_EN_APMC | 1, 4);
        m.out(0xb2, 0x55, 1, 1, AccessSink.DISCARD);
        DeviceEvent smi = events.get(events.size() - 1);
        assertEquals(DeviceEvent.SMI, smi.kind());
        assertEquals(1, smi.vcpu());
        assertEquals(0x55, smi.value());
        SmiFeatures f = m.device(Ich9Pm.class).smiFeatures();
        f.requestWrite(0, new byte[] {1});
        f.selectFeaturesOk();
        m.out(0xb2, 0x56, 1, 1, AccessSink.DISCARD);
        assertEquals(-1, events.get(events.size() - 1).vcpu());
    }

    @Test
    void smmOffSetsApmcEnAndSciEnAtReset() {
        Machine m = machine("pc-q35-7.2,smm=off", null);
        q35PmBase(m, 0x600);
        assertEquals(PmRegisters.SMI_EN_APMC, in(m, 0x630, 4));
        assertEquals(AcpiRegs.SCI_EN, in(m, 0x604, 2));
    }

    @Test
    void smiLockMakesGlobalSmiEnableReadOnly() {
        Machine m = machine("pc-q35-7.2", null);
        q35PmBase(m, 0x600);
        out(m, 0x630, 0x21, 4);
        out(m, 0xcf8, 0x8000f8a0L, 4);
        out(m, 0xcfc, 0x10, 2);
        out(m, 0x630, 0x20, 4);
        assertEquals(0x21, in(m, 0x630, 4));
        assertTrue(m.device(Ich9Pm.class).smiLocked());
        out(m, 0xcfc, 0, 2);
        assertEquals(0x10, in(m, 0xcfc, 2), "SMI_LOCK is sticky");
        m.reset();
        assertFalse(m.device(Ich9Pm.class).smiLocked());
    }

    @Test
    void piix4ApmSmiNeedsConfig5bBit1() {
        Machine m = machine("pc-i440fx-7.2", null);
        out(m, 0xb2, 0x55, 1);
        assertTrue(events.stream().noneMatch(e -> e.kind().equals(DeviceEvent.SMI)));
        out(m, 0xcf8, 0x80000b58L, 4);
        out(m, 0xcff, 0x02, 1);
        m.out(0xb2, 0x55, 1, 1, AccessSink.DISCARD);
        assertEquals(0, events.get(events.size() - 1).vcpu(), "PIIX4 raises the SMI on the first CPU");
        out(m, 0xb2, Piix4Pm.APM_ACPI_ENABLE, 1);
        assertEquals(AcpiRegs.SCI_EN, m.device(Piix4Pm.class).acpi().pm1Control());
    }

    @Test
    void cpuHotAddRaisesGpeBit2() {
        Machine m = machine("pc-i440fx-7.2", "1,maxcpus=2");
        assertTrue(m.device(CpuHotplug.class).hotAdd(1));
        assertEquals(CpuHotplug.GPE_BIT, in(m, 0xafe0, 1));
        out(m, 0xafe0, CpuHotplug.GPE_BIT, 1);
        assertEquals(0, in(m, 0xafe0, 1));
    }

    @Test
    void registerMapsCarryTheDocumentedRules() {
        assertEquals(2, PmRegisters.EVT_MAP.rules().validMax());
        assertEquals(2, PmRegisters.EVT_MAP.rules().implMin());
        assertEquals(4, PmRegisters.TMR_MAP.rules().implMin());
        assertEquals(4, PmRegisters.SMI_MAP.rules().validMin());
        assertEquals(1, PmRegisters.gpe(16).rules().implMax());
        assertEquals(8, PmRegisters.gpe(16).named("GPE0_EN").offset());
    }
}
