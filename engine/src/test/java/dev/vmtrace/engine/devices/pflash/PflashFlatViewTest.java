package dev.vmtrace.engine.devices.pflash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.testing.QemuMonitor;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With {@code -drive if=pflash} images the engine's memory flat view equals QEMU 7.2's
 * {@code info mtree -f}: flash0 at the top of 4 GiB, flash1 right below, isa-bios as a ROM at
 * 0xe0000 and no pc.bios; without images the BIOS ROM stays. Bad configurations fail as QEMU does.
 */
class PflashFlatViewTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} flash1={1}")
    @CsvSource({"pc-q35-7.2,true", "pc-q35-7.2,false", "pc-i440fx-7.2,true"})
    void memoryMapMatchesQemu(String machine, boolean withVars) throws Exception {
        PflashDifferentialTest.requireImages();
        List<String> args = new ArrayList<>(List.of("-M", machine,
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + PflashDifferentialTest.CODE));
        String m = machine + ",pflash0=" + PflashDifferentialTest.CODE + ",pflash0-readonly=on";
        if (withVars) {
            args.addAll(List.of("-drive", "if=pflash,format=raw,unit=1,file="
                    + Files.copy(PflashDifferentialTest.VARS, tmp.resolve("vars.fd"))));
            m += ",pflash1=" + PflashDifferentialTest.VARS;
        }
        List<String> qemu = QemuMonitor.memoryFlatView(QemuMonitor.run(RealQemu.requireQemu(), args, "info mtree -f"));
        assertTrue(qemu.size() > 5, "QEMU printed a memory flat view: " + qemu);
        assertEquals(String.join("\n", qemu), String.join("\n", flat(build(m, List.of()))));
    }

    @Test
    void withoutImagesTheBiosRomStays() {
        List<String> f = flat(build("pc-q35-7.2", List.of()));
        assertTrue(f.contains("0xfffc0000-0xffffffff pc.bios"), f.toString());
        assertFalse(f.stream().anyMatch(l -> l.contains("system.flash")), f.toString());
    }

    @Test
    void badConfigurationsFail() throws Exception {
        PflashDifferentialTest.requireImages();
        Path odd = Files.write(tmp.resolve("odd.fd"), new byte[4097]);
        assertThrows(MachineConfigException.class, () -> build("pc-q35-7.2,pflash1=" + PflashDifferentialTest.VARS,
                List.of()));
        assertThrows(MachineConfigException.class, () -> build("pc-q35-7.2,pflash0=" + odd, List.of()));
        assertThrows(MachineConfigException.class, () -> build("pc-q35-7.2,pflash0=" + tmp.resolve("missing.fd"),
                List.of()));
        assertThrows(MachineConfigException.class, () -> build("pc-q35-7.2,pflash0=" + PflashDifferentialTest.VARS
                + ",pflash0-readonly=maybe", List.of()));
        assertThrows(MachineConfigException.class, () -> build("pc-q35-7.2,pflash0=" + PflashDifferentialTest.VARS,
                List.of("cfi.pflash01.secure=perhaps")));
    }

    static Machine build(String machine, List<String> globals) {
        return Machine.build(MachineConfig.parse(machine, null, null, List.of(), globals, Release.DEFAULT, Accel.KVM,
                null));
    }

    private static List<String> flat(Machine m) {
        return QemuMonitor.engineMemoryFlatView(m);
    }
}
