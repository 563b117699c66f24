package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgMigration;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fw_cfg and acpi_build sections through the codec: a destination takes the source's blob
 * region sizes from {@code fw_cfg/acpi_mr} (QEMU's post-load resize) and its {@code patched} flag.
 */
class AcpiMigrationTest {
    static Machine virt(Release r) {
        return Machine.build(MachineConfig.parse("virt-5.0,nvdimm=on,slots=2", "1", null, List.of(), List.of(), r,
                Accel.KVM, null));
    }

    static StateNode roundTrip(dev.vmtrace.engine.state.Migratable src, dev.vmtrace.engine.state.Migratable dst)
            throws BadInputException {
        WireOutput out = new WireOutput();
        StateCodec.save(src.vmstate(), src.state(), out, JsonObject.builder());
        StateNode loaded = StateCodec.load(dst.vmstate(), new WireInput("stream", out.toByteArray()),
                src.vmstate().versionId(), dst.state());
        dst.restore(loaded);
        return loaded;
    }

    @Test
    void destinationTakesTheSourcesRegionSizes() throws Exception {
        Machine src = virt(Release.of(5, 0, 0));
        AcpiBuildState acpi = src.device(AcpiBuildState.class);
        acpi.hardware().addBackend(new AcpiHardware.MemoryBackend("m0", 16L << 20));
        acpi.hardware().plugNvdimm(new AcpiHardware.Nvdimm("nv0", "m0"));
        src.reset();
        new FirmwareLoader(FirmwareLoader.Firmware.OVMF).load(new DeviceFwCfgAccess(src.device(FwCfgDevice.class)));
        long grown = acpi.regionSizes()[0];

        Machine dst = virt(Release.of(5, 0, 0));
        AcpiBuildState dacpi = dst.device(AcpiBuildState.class);
        assertTrue(dacpi.regionSizes()[0] < grown, "the destination has no NVDIMM yet");
        StateNode loaded = roundTrip(src.device(FwCfgDevice.class).migration(), dst.device(FwCfgDevice.class).migration());
        assertTrue(loaded.subsections().containsKey("fw_cfg/acpi_mr"), "unaligned sizes are sent");
        assertArrayEquals(acpi.regionSizes(), dacpi.regionSizes());
        assertEquals(grown, dst.device(FwCfgDevice.class).file(AcpiFiles.TABLES).size(), "the directory follows");

        roundTrip(acpi.migration(), dacpi.migration());
        assertTrue(dacpi.patched());
        assertEquals("virt_acpi_build", dacpi.migration().sectionId());
    }

    @Test
    void aSizeAboveTheMaxFailsTheLoad() {
        Machine dst = Machine.build(MachineConfig.of("pc-q35-7.2"));
        FwCfgMigration section = dst.device(FwCfgDevice.class).migration();
        StateNode bad = StateNode.builder(dev.vmtrace.engine.devices.fwcfg.FwCfgSchema.FW_CFG)
                .set("cur_entry", 0).set("cur_offset", 0)
                .subsection(StateNode.builder(dev.vmtrace.engine.devices.fwcfg.FwCfgSchema.ACPI_MR)
                        .set("table_mr_size", 0x300000).set("linker_mr_size", 0x1000).set("rsdp_mr_size", 20).build())
                .build();
        BadInputException e = assertThrows(BadInputException.class, () -> section.restore(bad));
        assertTrue(e.getMessage().contains("Size too large"), e.getMessage());
    }
}
