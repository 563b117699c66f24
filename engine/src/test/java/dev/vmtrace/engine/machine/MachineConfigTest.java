package dev.vmtrace.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vmtrace.engine.devices.apm.ApmDevice;
import dev.vmtrace.engine.memory.DispatchPath;
import dev.vmtrace.engine.pc.PcCompat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** QEMU-style machine options. */
class MachineConfigTest {

    private static MachineConfig parse(String machine, String smp, String mem, List<String> dev, List<String> glob) {
        return MachineConfig.parse(machine, smp, mem, dev, glob, Release.DEFAULT, Accel.TCG, null);
    }

    @Test
    void parsesQemuSpellings() {
        MachineConfig c = parse("pc-q35-7.2,smm=on,nvdimm=on", "2,maxcpus=4", "1G", List.of("pci-bridge,chassis_nr=1"),
                List.of("ICH9-LPC.x-smi-broadcast=off"));
        assertEquals("pc-q35-7.2", c.machine());
        assertEquals(Map.of("smm", "on", "nvdimm", "on"), c.machineOptions());
        assertEquals(2, c.cpus());
        assertEquals(4, c.maxCpus());
        assertEquals(1L << 30, c.memoryBytes());
        assertEquals("pci-bridge", c.devices().get(0).driver());
        assertEquals("x-smi-broadcast", c.globals().get(0).property());
        assertEquals(AccessPolicy.STRICT, c.policy());
        assertEquals(DispatchPath.DIRECT, c.accel().path());
        assertEquals(512L << 20, MachineConfig.parseSize("512"));
    }

    @Test
    void malformedOptionsAreConfigErrors() {
        assertThrows(MachineConfigException.class, () -> parse("pc,smm", null, null, List.of(), List.of()));
        assertThrows(MachineConfigException.class, () -> parse("pc", "4,maxcpus=2", null, List.of(), List.of()));
        assertThrows(MachineConfigException.class, () -> parse("pc", "x", null, List.of(), List.of()));
        assertThrows(MachineConfigException.class, () -> parse("pc", null, "lots", List.of(), List.of()));
        assertThrows(MachineConfigException.class, () -> parse("pc", null, null, List.of(), List.of("noprop")));
        assertThrows(MachineConfigException.class, () -> parse("pc", null, null, List.of("k=v"), List.of()));
    }

    @Test
    void buildRejectsUnknownTypesUnmodeledDevicesAndBadGlobals() {
        assertThrows(MachineConfigException.class, () -> Machine.build(parse("pc-q35-9.0", null, null, List.of(), List.of())));
        assertThrows(MachineConfigException.class,
                () -> Machine.build(parse("pc", null, null, List.of("e1000"), List.of())));
        assertThrows(MachineConfigException.class,
                () -> Machine.build(parse("q35", null, null, List.of(), List.of("ICH9-LPC.x-smi-broadcast=maybe"))));
    }

    @Test
    void machineHasApmAndItsPolicyComesFromTheRelease() {
        Machine m = Machine.build(MachineConfig.parse("pc-i440fx-5.0", null, null, List.of(), List.of(),
                Release.of(5, 0, 0), Accel.KVM, null));
        assertEquals(AccessPolicy.LENIENT, m.policy());
        assertEquals(DispatchPath.BUFFER, m.path());
        assertEquals(ApmDevice.class, m.device(ApmDevice.class).getClass());
        Machine strict = Machine.build(MachineConfig.parse("pc-i440fx-5.0", null, null, List.of(), List.of(),
                Release.of(5, 0, 0), Accel.KVM, AccessPolicy.STRICT));
        assertEquals(AccessPolicy.STRICT, strict.policy());
    }

    @Test
    void globalsOverrideCompatValues() {
        MachineCatalog cat = MachineCatalog.standard();
        MachineBuilder[] seen = new MachineBuilder[1];
        MachineCatalog probe = new MachineCatalog(List.of(new MachinePart() {
            @Override
            public String id() {
                return "probe";
            }

            @Override
            public void build(MachineBuilder b) {
                seen[0] = b;
            }
        }));
        Machine.build(parse("pc-q35-7.2", null, null, List.of(), List.of("ICH9-LPC.x-smi-broadcast=off")), probe,
                dev.vmtrace.engine.device.EventSink.DISCARD, 0);
        assertEquals(false, seen[0].property(PcCompat.ICH9_SMI_BROADCAST));
        assertEquals(true, cat.resolve("pc-q35-7.2", Release.DEFAULT).get(PcCompat.ICH9_SMI_BROADCAST));
    }
}
