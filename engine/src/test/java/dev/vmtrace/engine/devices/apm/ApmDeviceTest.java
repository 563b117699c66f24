package dev.vmtrace.engine.devices.apm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.device.Register;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.DispatchKind;
import dev.vmtrace.engine.memory.GuestAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** APM, table-driven from its register map, on both families and all paths (devices.md 4.1). */
class ApmDeviceTest {

    private static Machine machine(String type, Accel accel) {
        return Machine.build(MachineConfig.parse(type, null, null, List.of(), List.of(), Release.DEFAULT, accel, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void everyRegisterResetsAndStoresABytePerMap(String type) {
        Machine m = machine(type, Accel.KVM);
        for (Register r : ApmRegisters.MAP.registers()) {
            long port = ApmRegisters.BASE + r.offset();
            assertEquals(r.resetValue(), m.in(port, 1, -1, dev.vmtrace.engine.memory.AccessSink.DISCARD), r.name());
            m.out(port, 0x1a5, 1, -1, dev.vmtrace.engine.memory.AccessSink.DISCARD);
            assertEquals(0xa5, m.access(GuestAccess.in(port, 1, -1)).access().value(), r.name());
            assertEquals(DispatchKind.DELIVERED, m.access(GuestAccess.in(port, 1, -1)).dispatches().get(0).kind());
        }
    }

    @ParameterizedTest
    @EnumSource(Accel.class)
    void wideWriteRunsPastTheEndAndAliasesOffsetsTwoAndThree(Accel accel) {
        Machine m = machine("pc-q35-7.2", accel);
        List<Integer> callbacks = new ArrayList<>();
        m.device(ApmDevice.class).setCallback(callbacks::add);
        m.out(0xb2, 0x11223344L, 4, 0, dev.vmtrace.engine.memory.AccessSink.DISCARD);
        assertEquals(List.of(0x44, 0x22), callbacks, "APMC written twice, the callback fires twice");
        assertEquals(new ApmState(0x22, 0x11), m.device(ApmDevice.class).state());
    }

    @ParameterizedTest
    @EnumSource(Accel.class)
    void wordWriteSetsBothBytes(Accel accel) {
        Machine m = machine("pc-i440fx-7.2", accel);
        m.out(0xb2, 0x1234, 2, 0, dev.vmtrace.engine.memory.AccessSink.DISCARD);
        assertEquals(0x34, m.in(0xb2, 1, 0, dev.vmtrace.engine.memory.AccessSink.DISCARD));
        assertEquals(0x12, m.in(0xb3, 1, 0, dev.vmtrace.engine.memory.AccessSink.DISCARD));
        m.device(ApmDevice.class).restore(new ApmState(1, 2));
        assertEquals(0x0201, m.in(0xb2, 2, 0, dev.vmtrace.engine.memory.AccessSink.DISCARD));
    }
}
