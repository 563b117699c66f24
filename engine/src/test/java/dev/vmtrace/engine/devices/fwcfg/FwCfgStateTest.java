package dev.vmtrace.engine.devices.fwcfg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vmtrace.engine.acpi.AcpiBlobSizing;
import dev.vmtrace.engine.acpi.AcpiBuildSchema;
import dev.vmtrace.engine.acpi.AcpiBuildState;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.stream.StreamSection;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fw_cfg and acpi_build state against the two real QEMU 7.2 streams (pc-i440fx-7.2 and
 * pc-q35-7.2, -m 32): the sections decode with {@link FwCfgSchema}, the {@code fw_cfg/acpi_mr}
 * sizes equal the model's region sizes for the same machine, and re-encoding the model's state
 * gives the same bytes.
 */
class FwCfgStateTest {
    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void realStreamSectionsDecodeAndReencode(String machine) throws Exception {
        Path file = RealQemu.realFile("mig/" + machine + ".bin");
        byte[] all = Files.readAllBytes(file);
        MigrationStream stream = MigrationStreamReader.read(file);
        StreamSection sec = stream.section("fw_cfg", 0);
        byte[] body = body(all, sec);
        StateNode loaded = StateCodec.load(FwCfgSchema.FW_CFG, new WireInput(file.toString(), body), sec.versionId(), null);
        FwCfgState state = FwCfgSchema.fromNode(loaded);
        long[] sizes = FwCfgSchema.acpiMrSizes(loaded);

        Machine m = Machine.build(MachineConfig.parse(machine, null, "32", List.of(), List.of(), Release.DEFAULT,
                Accel.KVM, null));
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        assertArrayEquals(new long[] {0x20000, 0x1000, 0x14}, sizes);
        assertArrayEquals(sizes, acpi.regionSizes(), "the model's blob regions have QEMU's sizes");
        boolean restore = AcpiBlobSizing.rule(m.type(), m.release()).acpiMrRestore();

        WireOutput out = new WireOutput();
        StateCodec.save(FwCfgSchema.FW_CFG, FwCfgSchema.toNode(state, restore, acpi.regionSizes()), out,
                JsonObject.builder());
        assertArrayEquals(body, out.toByteArray(), "re-encoded fw_cfg section");

        StreamSection ab = stream.section("acpi_build", 0);
        byte[] abBody = body(all, ab);
        WireOutput abOut = new WireOutput();
        acpi.restorePatched(abBody[0] != 0);
        StateCodec.save(AcpiBuildSchema.PC, AcpiBuildSchema.toNode(acpi), abOut, JsonObject.builder());
        assertArrayEquals(abBody, abOut.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc-q35-4.2", "pc-i440fx-2.0"})
    void oldMachineTypesSendNoAcpiMr(String machine) throws Exception {
        Machine m = Machine.build(MachineConfig.of(machine));
        AcpiBuildState acpi = m.device(AcpiBuildState.class);
        FwCfgDevice fw = m.device(FwCfgDevice.class);
        boolean restore = AcpiBlobSizing.rule(m.type(), m.release()).acpiMrRestore();
        assertFalse(restore);
        WireOutput out = new WireOutput();
        StateCodec.save(FwCfgSchema.FW_CFG, FwCfgSchema.toNode(fw.state(), restore, acpi.regionSizes()), out,
                JsonObject.builder());
        StateNode back = StateCodec.load(FwCfgSchema.FW_CFG, new WireInput("t", out.toByteArray()), 2, null);
        assertNull(FwCfgSchema.acpiMrSizes(back));
        assertEquals(fw.config().dmaEnabled(), back.subsections().containsKey("fw_cfg/dma"));
    }

    private static byte[] body(byte[] all, StreamSection s) {
        int start = (int) s.offset() + 1 + 4 + 1 + s.idstr().length() + 4 + 4;
        return Arrays.copyOfRange(all, start, start + (int) s.length());
    }
}
