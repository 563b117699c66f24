package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcpiSmokeTest {
    @Test
    void print() {
        for (String m : List.of("pc-q35-7.2", "pc-i440fx-7.2", "pc-i440fx-2.0", "pc-i440fx-2.2")) {
            for (String smp : new String[] {null, "1,maxcpus=255"}) {
                Machine mc = Machine.build(MachineConfig.parse(m, smp, null, List.of(), List.of(), Release.DEFAULT, Accel.QTEST, null));
                AcpiBuildState s = mc.device(AcpiBuildState.class);
                System.out.println(m + " " + smp + " " + s.rule().name() + " " + s.ramBlocks() + " raw=" + s.lastBuild().tables().length()
                        + " " + s.lastBuild().signatures());
                LoaderResult r = new FirmwareLoader(FirmwareLoader.Firmware.OVMF).load(new PortFwCfgAccess(mc));
                System.out.println("  " + r.ok() + " " + r.findings() + " " + r.installed().size() + " " + r.log().get(r.log().size() - 1));
            }
        }
        Machine v = Machine.build(MachineConfig.parse("virt-4.0,nvdimm=on,slots=2", "1", null, List.of(), List.of(), Release.of(4, 0, 0), Accel.QTEST, null));
        AcpiBuildState s = v.device(AcpiBuildState.class);
        System.out.println("virt " + s.rule().name() + " " + s.ramBlocks() + " raw=" + Integer.toHexString(s.lastBuild().tables().length()) + " " + s.lastBuild().signatures());
        LoaderResult r = new FirmwareLoader(FirmwareLoader.Firmware.OVMF).load(new DeviceFwCfgAccess(v.device(FwCfgDevice.class)));
        System.out.println("  " + r.ok() + " " + r.findings());
        s.hardware().addBackend(new AcpiHardware.MemoryBackend("m0", 16 << 20));
        s.hardware().plugNvdimm(new AcpiHardware.Nvdimm("nv0", "m0"));
        v.reset();
        r = new FirmwareLoader(FirmwareLoader.Firmware.OVMF).load(new DeviceFwCfgAccess(v.device(FwCfgDevice.class)));
        System.out.println("  after " + r.ok() + " " + r.findings() + " raw=" + Integer.toHexString(s.lastBuild().tables().length()));
        r.log().forEach(l -> System.out.println("    " + l));
    }
}
