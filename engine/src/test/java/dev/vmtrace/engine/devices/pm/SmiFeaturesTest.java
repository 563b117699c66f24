package dev.vmtrace.engine.devices.pm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The negotiation rules of devices.md 4.3, as real QEMU 7.2 showed them over qtest DMA. */
class SmiFeaturesTest {
    static SmiFeatures negotiate(long supported, long... requests) {
        SmiFeatures f = new SmiFeatures(supported);
        for (long r : requests) {
            f.requestWrite(0, SmiFeatures.le(r));
            f.selectFeaturesOk();
        }
        return f;
    }

    @Test
    void invalidRequestsAreRefused() {
        for (long r : new long[] {0x2, 0x4, 0x8, 0x6}) {
            SmiFeatures f = negotiate(7, r);
            assertFalse(f.ok(), "request " + r);
            assertEquals(0, f.negotiated());
            assertTrue(f.needed(), "a request makes the subsection needed");
        }
    }

    @Test
    void acceptedRequestLocks() {
        SmiFeatures f = negotiate(7, 0x3, 0x7);
        assertTrue(f.ok());
        assertEquals(0x3, f.negotiated());
        assertTrue(f.broadcast());
        assertArrayEquals(new byte[] {1}, f.okBuffer());
    }

    @Test
    void selectingWithoutRequestLocksZero() {
        SmiFeatures f = new SmiFeatures(7);
        assertFalse(f.needed());
        f.selectFeaturesOk();
        assertTrue(f.ok());
        assertEquals(0, f.negotiated());
        assertTrue(f.needed());
        f.reset();
        assertFalse(f.ok());
        assertFalse(f.needed());
    }

    @Test
    void requestOutsideSupportedIsRefused() {
        assertFalse(negotiate(1, 0x3).ok());
        assertTrue(negotiate(1, 0x1).ok());
        assertThrows(IllegalArgumentException.class, () -> new SmiFeatures(SmiFeatures.CPU_HOTUNPLUG | 1));
    }

    @ParameterizedTest
    @CsvSource({"pc-q35-2.8,0", "pc-q35-2.9,1", "pc-q35-5.1,1", "pc-q35-5.2,3", "pc-q35-6.0,7", "pc-q35-7.2,7"})
    void supportedSetPerMachineType(String type, long expected) {
        Machine m = Machine.build(MachineConfig.parse(type, null, null, List.of(), List.of(), Release.DEFAULT, Accel.KVM,
                null));
        SmiFeatures f = m.device(Ich9Pm.class).smiFeatures();
        assertEquals(expected, f.supported());
        assertEquals(expected != 0, f.filesPresent());
    }

    @Test
    void globalOverridesTheMachineType() {
        Machine m = Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(),
                List.of("ICH9-LPC.x-smi-cpu-hotunplug=off"), Release.DEFAULT, Accel.KVM, null));
        assertEquals(3, m.device(Ich9Pm.class).smiFeatures().supported());
    }

    @Test
    void cpuHotplugNeedsTheSmiFeatureOnceBroadcastIsNegotiated() {
        for (long negotiated : new long[] {0, 1, 3, 7}) {
            Machine m = Machine.build(MachineConfig.parse("pc-q35-7.2", "1,maxcpus=3", null, List.of(), List.of(),
                    Release.DEFAULT, Accel.KVM, null));
            SmiFeatures f = m.device(Ich9Pm.class).smiFeatures();
            f.requestWrite(0, SmiFeatures.le(negotiated));
            f.selectFeaturesOk();
            var cpuhp = m.device(dev.vmtrace.engine.devices.cpuhp.CpuHotplug.class);
            cpuhp.switchToModern();
            assertEquals(negotiated != 1, cpuhp.hotAdd(2), "plug with negotiated " + negotiated);
            if (negotiated != 1) {
                assertEquals(negotiated != 3, cpuhp.unplugRequest(2), "unplug with negotiated " + negotiated);
            }
        }
    }
}
