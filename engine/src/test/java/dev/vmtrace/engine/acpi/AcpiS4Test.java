package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Story S4 (seed 004): an NVDIMM hot-added before a reboot adds an NFIT at the rebuild that
 * follows the reset. On ARM virt before QEMU 5.0 the tables blob is not padded and the new length
 * stays within the same host page, so nobody updates the fw_cfg size: OVMF's checksum check
 * rejects the script with "invalid checksum range" in "etc/acpi/tables". Padded x86 passes.
 */
class AcpiS4Test {
    private static final FirmwareLoader OVMF = new FirmwareLoader(FirmwareLoader.Firmware.OVMF);

    static Machine machine(String type, Release release) {
        return Machine.build(MachineConfig.parse(type + ",nvdimm=on,slots=2", "1", null, List.of(), List.of(), release,
                Accel.KVM, null));
    }

    static LoaderResult bootAfterHotAdd(Machine m) {
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        LoaderResult first = OVMF.load(new DeviceFwCfgAccess(m.device(FwCfgDevice.class)));
        assertTrue(first.ok(), "first boot: " + first.findings());
        acpi.hardware().addBackend(new AcpiHardware.MemoryBackend("m0", 16L << 20));
        acpi.hardware().plugNvdimm(new AcpiHardware.Nvdimm("nv0", "m0"));
        m.reset();
        return OVMF.load(new DeviceFwCfgAccess(m.device(FwCfgDevice.class)));
    }

    @Test
    void unpaddedVirtFailsWithOvmfsReason() {
        Machine m = machine("virt-4.0", Release.of(4, 0, 0));
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        assertEquals("virt-unpadded", acpi.rule().name());
        int before = acpi.lastBuild().tables().length();
        LoaderResult r = bootAfterHotAdd(m);
        int after = acpi.lastBuild().tables().length();
        assertTrue(after > before, "the NFIT grew the tables");
        assertEquals(before + 4095 >> 12, after + 4095 >> 12, "precondition: the growth stays in the same page");
        assertFalse(r.ok());
        LoaderFinding f = r.firstError();
        assertNotNull(f);
        assertEquals("invalid-checksum-range", f.code());
        assertEquals(AcpiFiles.TABLES, f.file());
        assertEquals("ProcessCmdAddChecksum: invalid checksum range in \"etc/acpi/tables\"", f.message());
        assertEquals(before, r.blobSizes().get(AcpiFiles.TABLES), "firmware saw the stale directory size");
        assertTrue(r.log().contains("OnRootBridgesConnected: InstallAcpiTables: Protocol Error"));
        assertTrue(r.installed().isEmpty());
    }

    @Test
    void paddedX86Passes() {
        for (Release rel : List.of(Release.of(4, 0, 0), Release.DEFAULT)) {
            Machine m = machine("pc-q35-4.0", rel);
            LoaderResult r = bootAfterHotAdd(m);
            assertTrue(r.ok(), rel + ": " + r.findings());
            assertTrue(r.installed().stream().anyMatch(t -> t.signature().equals("NFIT")), "NFIT installed");
            assertEquals(0x20000, r.blobSizes().get(AcpiFiles.TABLES));
        }
    }

    @Test
    void virtPassesOnceTheSizeIsNotifiedOrPadded() {
        // 5.0: the resize hook also reports changes within a page (ce4adc0b6e)
        LoaderResult r50 = bootAfterHotAdd(machine("virt-4.0", Release.of(5, 0, 0)));
        assertTrue(r50.ok(), r50.findings().toString());
        // 6.0: virt pads to 0x20000 (428d687617)
        Machine m60 = machine("virt-6.0", Release.of(6, 0, 0));
        assertEquals("virt-padded-128k", m60.device(AcpiBuildState.class).rule().name());
        LoaderResult r60 = bootAfterHotAdd(m60);
        assertTrue(r60.ok(), r60.findings().toString());
        assertEquals(0x20000, r60.blobSizes().get(AcpiFiles.TABLES));
    }

    @Test
    void hotAddWithoutResetChangesNothing() {
        Machine m = machine("pc-i440fx-7.2", Release.DEFAULT);
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        OVMF.load(new DeviceFwCfgAccess(m.device(FwCfgDevice.class)));
        int builds = acpi.builds();
        assertTrue(acpi.patched());
        acpi.hardware().plugPciBridge();
        OVMF.load(new DeviceFwCfgAccess(m.device(FwCfgDevice.class)));
        assertEquals(builds, acpi.builds(), "no rebuild before a reset");
        m.reset();
        assertFalse(acpi.patched());
        LoaderResult r = OVMF.load(new DeviceFwCfgAccess(m.device(FwCfgDevice.class)));
        assertEquals(builds + 1, acpi.builds(), "one rebuild on the first select after the reset");
        assertTrue(r.ok());
        assertEquals(0x20000, r.blobSizes().get(AcpiFiles.TABLES), "the padding absorbs the bigger DSDT");
    }

    @Test
    void throughTheGuestPortsToo() {
        Machine m = machine("pc-q35-7.2", Release.DEFAULT);
        LoaderResult r = OVMF.load(new PortFwCfgAccess(m));
        assertTrue(r.ok(), r.findings().toString());
        assertEquals(java.util.Set.of("DSDT", "FACP", "APIC", "HPET", "SRAT", "SSDT", "WAET", "FACS"),
                r.installed().stream().map(LoaderResult.InstalledTable::signature).collect(java.util.stream.Collectors.toSet()));
        // after the loader ran, the NVDIMM SSDT points at the DSM page it allocated
        assertTrue(r.log().stream().anyMatch(l -> l.contains("etc/acpi/nvdimm-mem")));
    }
}
