package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.pm.Ich9Pm;
import dev.vmtrace.engine.devices.pm.Piix4Pm;
import dev.vmtrace.engine.machine.Machine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The FADT's PM blocks follow the PM function's I/O base at the rebuild: ICH9 only while
 * ACPI_CNTL.ACPI_EN is set, PIIX4 whether or not PMREGMISC enables the block (QEMU's
 * {@code pm_io_base}); before the firmware programs it they are at 0.
 */
class AcpiFadtTest {
    private static ByteBuffer fadtAfterSelect(Machine m) {
        FwCfgDevice fw = m.device(FwCfgDevice.class);
        fw.select(fw.file(AcpiFiles.TABLES).key());
        return ByteBuffer.wrap(AcpiMcfgTest.tableBytes(m.device(AcpiBuildState.class).lastBuild(), "FACP"))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void q35TakesPmbaseOnlyWithAcpiEnabled() {
        Machine m = AcpiMcfgTest.machine("pc-q35-7.2");
        assertEquals(0, ByteBuffer.wrap(AcpiMcfgTest.tableBytes(m.device(AcpiBuildState.class).lastBuild(), "FACP"))
                .order(ByteOrder.LITTLE_ENDIAN).getInt(56), "machine creation: PMBASE not programmed");
        Ich9Pm lpc = m.device(Ich9Pm.class);
        lpc.config().write(Ich9Pm.PMBASE, 0x601, 4);
        ByteBuffer f = fadtAfterSelect(m);
        assertEquals(0, f.getInt(56), "ACPI_EN clear: no PM base");
        m.reset();
        lpc.config().write(Ich9Pm.PMBASE, 0x601, 4);
        lpc.config().write(Ich9Pm.ACPI_CNTL, 0x80, 1);
        f = fadtAfterSelect(m);
        assertEquals(0x600, f.getInt(56), "PM1a_EVT_BLK");
        assertEquals(0x604, f.getInt(64), "PM1a_CNT_BLK");
        assertEquals(0x608, f.getInt(76), "PM_TMR_BLK");
        assertEquals(0x620, f.getInt(80), "GPE0_BLK");
        assertEquals(0x600, f.getLong(152), "X_PM1a_EVT_BLK address");
        assertEquals(0x620, f.getLong(224), "X_GPE0_BLK address");
    }

    @Test
    void i440fxTakesPmbaseEvenWithTheBlockDisabled() {
        Machine m = AcpiMcfgTest.machine("pc-i440fx-7.2");
        m.device(Piix4Pm.class).config().write(Piix4Pm.PMBASE, 0xb001, 4);
        ByteBuffer f = fadtAfterSelect(m);
        assertEquals(0xb000, f.getInt(56));
        assertEquals(0xb008, f.getInt(76));
        assertEquals(0xafe0, f.getInt(80), "PIIX4's GPE0 block is fixed");
        assertEquals(116, f.capacity());
    }
}
