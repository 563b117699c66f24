package dev.vmtrace.engine.cpu.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import org.junit.jupiter.api.Test;

/** The cpreg arrays through the state codec, as a migration stream carries them. */
class ArmCpuStateTest {
    private static final CpRegDef ACTLR = CpRegDef.normal("ACTLR_EL1", 3, 0, 1, 0, 1, 0);
    private static final CpRegDef IMPDEF_HIGH = CpRegDef.normal("S3_7_C15_C15_7", 3, 7, 15, 15, 7, 0);

    private static ArmCpu cpu(CpRegSet set) {
        return new ArmCpu(set, SyncPolicy.WRITEBACK, HypervisorVcpu.matching(set), e -> { });
    }

    private static byte[] wire(ArmCpu src) {
        WireOutput out = new WireOutput();
        StateCodec.save(ArmCpuState.SCHEMA, ArmCpuState.save(CpregState.save(src)), out, JsonObject.builder());
        return out.toByteArray();
    }

    private static CpregLoad.Result migrate(ArmCpu src, ArmCpu dst) throws BadInputException {
        StateNode loaded = StateCodec.load(ArmCpuState.SCHEMA, new WireInput("cpu", wire(src)), 22, ArmCpuState.local(dst));
        return CpregLoad.load(ArmCpuState.fromNode(loaded), dst, CpuAccel.KVM);
    }

    @Test
    void wireLayoutIsLengthThenIdsThenValues() {
        ArmCpu src = cpu(CpRegSet.cortexA57());
        byte[] w = wire(src);
        int n = src.registers().size();
        assertEquals(4 + 16 * n, w.length);
        assertEquals(n, ((w[0] & 0xff) << 24) | ((w[1] & 0xff) << 16) | ((w[2] & 0xff) << 8) | (w[3] & 0xff));
        assertEquals(0x60, w[4] & 0xff, "first id is big-endian, top byte of KVM_REG_ARM64");
    }

    @Test
    void roundTripBetweenEqualRegisterSets() throws Exception {
        ArmCpu src = cpu(CpRegSet.cortexA57());
        src.guestWrite("VBAR_EL1", 0xffff000010080800L);
        src.get();
        ArmCpu dst = cpu(CpRegSet.cortexA57());
        assertTrue(migrate(src, dst).ok());
        assertEquals(0xffff000010080800L, dst.kvmValue("VBAR_EL1"));
    }

    @Test
    void longerIncomingListFailsInTheCodecLengthCheck() {
        ArmCpu src = cpu(CpRegSet.cortexA57With(ACTLR, IMPDEF_HIGH));
        ArmCpu dst = cpu(CpRegSet.cortexA57());
        BadInputException e = assertThrows(BadInputException.class, () -> migrate(src, dst));
        assertTrue(e.getMessage().contains(ArmCpuState.LEN), e.getMessage());
    }

    @Test
    void unknownLowerRegisterFailsAndHigherIsIgnored() throws Exception {
        CpregLoad.Result lower = migrate(cpu(CpRegSet.cortexA57With(ACTLR)), cpu(CpRegSet.cortexA57With(IMPDEF_HIGH)));
        assertFalse(lower.ok());
        CpregLoad.Result higher = migrate(cpu(CpRegSet.cortexA57With(IMPDEF_HIGH)), cpu(CpRegSet.cortexA57With(ACTLR)));
        assertTrue(higher.ok());
        assertEquals(1, higher.ignoredTrailing());
    }
}
