package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.mch.Q35Mch;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The q35 MCFG table follows the MMCONFIG window: absent at machine creation, present in the
 * rebuild that the first blob select after a reset triggers once PCIEXBAR is enabled, stable
 * until the next reset, gone again after a reset that disabled the window.
 */
class AcpiMcfgTest {
    private static final FirmwareLoader OVMF = new FirmwareLoader(FirmwareLoader.Firmware.OVMF);

    static Machine machine(String type) {
        return Machine.build(MachineConfig.parse(type, null, null, List.of(), List.of(), Release.DEFAULT, Accel.KVM,
                null));
    }

    /** Programs PCIEXBAR (00:00.0 offset 0x60) as OVMF does: high dword, then low dword with the enable bit. */
    static void enablePciexbar(Machine m, long base, int lengthCode) {
        Q35Mch mch = m.device(Q35Mch.class);
        mch.config().write(0x64, base >>> 32, 4);
        mch.config().write(0x60, (base & 0xffffffffL) | (lengthCode << 1) | 1, 4);
    }

    static Optional<AcpiBuildResult.TableInfo> table(AcpiBuildResult r, String sig) {
        return r.signatures().stream().filter(t -> t.signature().equals(sig)).findFirst();
    }

    static byte[] tableBytes(AcpiBuildResult r, String sig) {
        AcpiBuildResult.TableInfo t = table(r, sig).orElseThrow();
        return Arrays.copyOfRange(r.tables().toArray(), t.offset(), t.offset() + t.length());
    }

    @Test
    void noMcfgBeforeTheFirmwareEnablesTheWindow() {
        Machine m = machine("pc-q35-7.2");
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        assertTrue(table(acpi.lastBuild(), "MCFG").isEmpty());
        LoaderResult r = OVMF.load(new DeviceFwCfgAccess(m.device(FwCfgDevice.class)));
        assertTrue(r.ok(), r.findings().toString());
        assertEquals(2, acpi.builds(), "the first select rebuilt");
        assertTrue(r.installed().stream().noneMatch(t -> t.signature().equals("MCFG")));
    }

    @Test
    void rebuildAfterPciexbarEnableAddsMcfgAndTheDramController() {
        Machine m = machine("pc-q35-7.2");
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        FwCfgDevice fw = m.device(FwCfgDevice.class);
        int dsdtBefore = table(acpi.lastBuild(), "DSDT").orElseThrow().length();
        int loaderEntries = acpi.lastBuild().loader().length() / 128;
        enablePciexbar(m, 0xb0000000L, 0);
        LoaderResult r = OVMF.load(new DeviceFwCfgAccess(fw));
        assertTrue(r.ok(), r.findings().toString());
        AcpiBuildResult b = acpi.lastBuild();
        // 36-byte header, 8 reserved, base 0xb0000000, segment 0, buses 0..255, 4 reserved
        byte[] mcfg = tableBytes(b, "MCFG");
        assertEquals("4d434647" + "3c000000" + "01" + "00" + "424f43485320" + "4258504320202020"
                + "01000000" + "42585043" + "01000000" + "0000000000000000" + "000000b000000000" + "0000" + "00" + "ff"
                + "00000000", HexFormat.of().formatHex(mcfg));
        assertEquals(List.of("FACS", "DSDT", "FACP", "APIC", "HPET", "MCFG", "WAET", "RSDT"),
                b.signatures().stream().map(AcpiBuildResult.TableInfo::signature).toList());
        assertTrue(r.installed().stream().anyMatch(t -> t.signature().equals("MCFG")), "OVMF installs it (checksum 0)");
        assertEquals(loaderEntries + 2, b.loader().length() / 128, "one RSDT pointer and one checksum more");
        // DSDT: Device (DRAC) { _HID "PNP0C01", _CRS DWord memory 0xb0000000..0xbfffffff }
        byte[] dsdt = tableBytes(b, "DSDT");
        String hex = HexFormat.of().formatHex(dsdt);
        assertTrue(hex.contains(HexFormat.of().formatHex("DRAC".getBytes())), "DRAC device");
        assertTrue(hex.contains("87170000" + "0c01" + "00000000" + "000000b0" + "ffffffbf" + "00000000" + "00000010"),
                "32-bit memory range of the window");
        assertTrue(dsdt.length > dsdtBefore);
        // Sizes are padded: the fw_cfg file and the RAM block keep their length.
        assertEquals(0x20000, fw.file(AcpiFiles.TABLES).size());
        assertEquals(0x20000, acpi.ramBlocks().get(0).usedLength());
    }

    @Test
    void laterReadsSeeTheSameTablesUntilTheNextReset() {
        Machine m = machine("pc-q35-7.2");
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        FwCfgDevice fw = m.device(FwCfgDevice.class);
        fw.select(fw.file(AcpiFiles.TABLES).key());
        byte[] first = fw.file(AcpiFiles.TABLES).bytes();
        enablePciexbar(m, 0xb0000000L, 0);
        fw.select(fw.file(AcpiFiles.TABLES).key());
        fw.select(fw.file(AcpiFiles.LOADER).key());
        assertArrayEquals(first, fw.file(AcpiFiles.TABLES).bytes(), "patched: no rebuild before the reset");
        assertTrue(table(acpi.lastBuild(), "MCFG").isEmpty());

        m.reset();
        assertFalse(acpi.patched());
        assertFalse(m.device(Q35Mch.class).mmcfg().mapped(), "reset disabled PCIEXBAR");
        enablePciexbar(m, 0xb0000000L, 0);
        fw.select(fw.file(AcpiFiles.LOADER).key());
        assertTrue(table(acpi.lastBuild(), "MCFG").isPresent(), "first select after the reset rebuilt");

        m.reset();
        fw.select(fw.file(AcpiFiles.RSDP).key());
        assertTrue(table(acpi.lastBuild(), "MCFG").isEmpty(), "window disabled by the reset: no MCFG");
    }

    @Test
    void windowSizeAndPlacementAreDescribed() {
        Machine m = machine("pc-q35-7.2");
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        FwCfgDevice fw = m.device(FwCfgDevice.class);
        // 64 MiB above 4 GiB: buses 0..63, and a 64-bit range in the DSDT
        enablePciexbar(m, 0x8_0000_0000L, 2);
        fw.select(fw.file(AcpiFiles.TABLES).key());
        byte[] mcfg = tableBytes(acpi.lastBuild(), "MCFG");
        assertEquals(0x8_0000_0000L, ByteBuffer.wrap(mcfg).order(ByteOrder.LITTLE_ENDIAN).getLong(44));
        assertEquals(63, mcfg[55]);
        String dsdt = HexFormat.of().formatHex(tableBytes(acpi.lastBuild(), "DSDT"));
        assertTrue(dsdt.contains("8a2b00" + "000c01" + "0000000000000000" + "0000000008000000" + "ffffff0308000000"),
                dsdt);
    }

    @Test
    void i440fxNeverHasMcfg() {
        Machine m = machine("pc-i440fx-7.2");
        LoaderResult r = OVMF.load(new DeviceFwCfgAccess(m.device(FwCfgDevice.class)));
        assertTrue(r.ok());
        assertTrue(table(m.device(AcpiBuildState.class).lastBuild(), "MCFG").isEmpty());
    }

    @Test
    void mmconfigValuesAreValidated() {
        assertEquals(255, new PciMmconfig(0xb0000000L, 256L << 20).lastBus());
        assertEquals(0, new PciMmconfig(0, 1L << 20).lastBus());
        assertThrows(IllegalArgumentException.class, () -> new PciMmconfig(0, 3L << 20));
        assertThrows(IllegalArgumentException.class, () -> new PciMmconfig(0, 512L << 20));
        assertThrows(IllegalArgumentException.class, () -> new PciMmconfig(-1L << 20, 1L << 20));
    }
}
