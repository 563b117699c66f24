package dev.vmtrace.engine.cpu.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** QEMU's rules for loading migrated cpreg arrays into a destination with another register set. */
class CpregLoadTest {
    private static final CpRegDef ACTLR = CpRegDef.normal("ACTLR_EL1", 3, 0, 1, 0, 1, 0);
    private static final CpRegDef IMPDEF_HIGH = CpRegDef.normal("S3_7_C15_C15_7", 3, 7, 15, 15, 7, 0);

    private static ArmCpu cpu(CpRegSet set) {
        return new ArmCpu(set, SyncPolicy.WRITEBACK, HypervisorVcpu.matching(set), e -> { });
    }

    @Test
    void sameRegisterSetLoadsEveryValue() {
        ArmCpu src = cpu(CpRegSet.cortexA57());
        src.guestWrite("TTBR0_EL1", 0x40001000L);
        src.get();
        ArmCpu dst = cpu(CpRegSet.cortexA57());
        CpregLoad.Result r = CpregLoad.load(CpregState.save(src), dst, CpuAccel.TCG);
        assertTrue(r.ok(), r.reason());
        assertEquals(0x40001000L, dst.stateValue("TTBR0_EL1"));
    }

    @Test
    void extraSourceRegisterInsideTheDestinationRangeFailsTheLoad() {
        ArmCpu src = cpu(CpRegSet.cortexA57With(ACTLR));
        ArmCpu dst = cpu(CpRegSet.cortexA57With(IMPDEF_HIGH));
        CpregLoad.Result r = CpregLoad.load(CpregState.save(src), dst, CpuAccel.KVM);
        assertFalse(r.ok());
        assertEquals(String.format("0x%016x", ACTLR.kvmIndex()), r.register());
    }

    @Test
    void extraSourceRegisterAboveEveryLocalIdIsSilentlyIgnored() {
        ArmCpu src = cpu(CpRegSet.cortexA57With(IMPDEF_HIGH));
        ArmCpu dst = cpu(CpRegSet.cortexA57With(ACTLR));
        CpregLoad.Result r = CpregLoad.load(CpregState.save(src), dst, CpuAccel.KVM);
        assertTrue(r.ok(), r.reason());
        assertEquals(1, r.ignoredTrailing());
    }

    @Test
    void moreRegistersThanTheDestinationHasFailsTheCountCheck() {
        ArmCpu src = cpu(CpRegSet.cortexA57With(ACTLR, IMPDEF_HIGH));
        ArmCpu dst = cpu(CpRegSet.cortexA57());
        CpregLoad.Result r = CpregLoad.load(CpregState.save(src), dst, CpuAccel.TCG);
        assertFalse(r.ok());
        assertTrue(r.reason().contains("Invalid value 21 expecting positive value <= 19"), r.reason());
    }

    @Test
    void registersTheSourceLacksKeepTheirResetValues() {
        ArmCpu src = cpu(CpRegSet.cortexA57());
        ArmCpu dst = cpu(CpRegSet.cortexA57With(ACTLR));
        assertTrue(CpregLoad.load(CpregState.save(src), dst, CpuAccel.TCG).ok());
        assertEquals(0, dst.stateValue("ACTLR_EL1"));
    }

    @Test
    void constantThatDiffersFailsUnderBothAccelerators() {
        CpRegSet set = CpRegSet.cortexA57();
        long[] host = new long[set.size()];
        for (int i = 0; i < host.length; i++) {
            host[i] = set.get(i).resetValue();
        }
        host[set.positionOf("MIDR_EL1")] = 0x410fd034L;
        ArmCpu src = new ArmCpu(set, SyncPolicy.WRITEBACK, new HypervisorVcpu(set, host), e -> { });
        CpregState sent = CpregState.save(src);
        CpregLoad.Result tcg = CpregLoad.load(sent, cpu(set), CpuAccel.TCG);
        assertFalse(tcg.ok());
        assertEquals("MIDR_EL1", tcg.register());
        CpregLoad.Result kvm = CpregLoad.load(sent, cpu(set), CpuAccel.KVM);
        assertFalse(kvm.ok());
        assertEquals("MIDR_EL1", kvm.register());
    }
}
