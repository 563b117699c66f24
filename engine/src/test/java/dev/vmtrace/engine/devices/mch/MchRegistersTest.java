package dev.vmtrace.engine.devices.mch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.device.Register;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven from {@link MchRegisters#REGISTERS}: each register's power-on value through 0xcf8/0xcfc. */
class MchRegistersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pc-q35-7.2,16", "pc-q35-2.9,0", "pc-q35-2.10,16"})
    void everyRegisterReadsItsResetValue(String type, long extTseg) {
        Machine m = Machine.build(MachineConfig.parse(type, null, null, List.of(), List.of(), Release.DEFAULT,
                Accel.KVM, null));
        for (Register r : MchRegisters.REGISTERS) {
            long expected = r.name().equals("EXT_TSEG_MBYTES") ? extTseg : r.resetValue();
            long value = 0;
            for (int k = 0; k < r.width(); k++) {
                m.out(0xcf8, 0x80000000L | ((r.offset() + k) & 0xfc), 4, -1, AccessSink.DISCARD);
                long b = m.in(0xcfc + ((r.offset() + k) & 3), 1, -1, AccessSink.DISCARD);
                value |= b << (8 * k);
            }
            assertEquals(expected, value, type + " " + r.name());
        }
    }
}
