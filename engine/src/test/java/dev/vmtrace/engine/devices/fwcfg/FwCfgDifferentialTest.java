package dev.vmtrace.engine.devices.fwcfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.qtest.QtestSession;
import dev.vmtrace.engine.testing.QemuQtest;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fw_cfg against real QEMU 7.2 (differential, every qtest reply compared): the port protocol
 * and its error cases, the directory (names, sizes, keys, order), the bytes of every non-ACPI
 * file (read by DMA) and the DMA error cases, on several machine types and CPU configurations.
 * q35 runs with the ICH9 model's {@code etc/smi} files and, once, with the three SMI features off
 * so that ICH9 adds none.
 */
class FwCfgDifferentialTest {
    private static final List<String> SMI_OFF = List.of("ICH9-LPC.x-smi-broadcast=off",
            "ICH9-LPC.x-smi-cpu-hotplug=off", "ICH9-LPC.x-smi-cpu-hotunplug=off");

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("pc-i440fx-7.2", null, List.of()),
                Arguments.of("pc-i440fx-7.2", "2,maxcpus=4", List.of()),
                Arguments.of("pc-q35-7.2", null, SMI_OFF),
                Arguments.of("pc-q35-7.2", "2,maxcpus=4", List.of()),
                Arguments.of("pc-q35-5.2", null, List.of()),
                Arguments.of("pc-q35-7.2", "2,maxcpus=4", SMI_OFF),
                Arguments.of("pc-i440fx-2.0", null, List.of()),
                Arguments.of("pc-i440fx-2.0", "2,maxcpus=4", List.of()),
                Arguments.of("pc-i440fx-2.5", "2,maxcpus=4", List.of()),
                Arguments.of("pc-i440fx-6.1", "3,maxcpus=6", List.of()));
    }

    @ParameterizedTest(name = "{0} -smp {1}")
    @MethodSource("configs")
    void repliesMatchQemu(String machine, String smp, List<String> globals) throws IOException {
        Machine engine = Machine.build(MachineConfig.parse(machine, smp, null, List.of(), globals, Release.DEFAULT,
                Accel.KVM, null));
        FwCfgDevice fw = engine.device(FwCfgDevice.class);
        List<String> script = new ArrayList<>(FwCfgScripts.ports());
        script.addAll(FwCfgScripts.directory(fw.files().size()));
        script.addAll(FwCfgScripts.fileBytes(fw.files()));
        script.addAll(FwCfgScripts.dmaCases());

        List<String> args = new ArrayList<>(List.of("-M", machine, "-S"));
        if (smp != null) {
            args.addAll(List.of("-smp", smp));
        }
        for (String g : globals) {
            args.addAll(List.of("-global", g));
        }
        List<String> qemuReplies;
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), args)) {
            qemuReplies = q.sendAll(script);
        }
        QtestSession session = new QtestSession(engine);
        for (int i = 0; i < script.size(); i++) {
            String reply = session.replyOrAbort(script.get(i));
            assertEquals(qemuReplies.get(i), reply, "command " + (i + 1) + ": " + script.get(i) + " on " + machine
                    + (smp == null ? "" : " -smp " + smp));
        }
        assertTrue(script.size() > 500, "the script covers the directory and the files");
    }
}
