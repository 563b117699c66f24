package dev.vmtrace.engine.cpu.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The three sync policies on the sequences of the 2019 KVM register-sync series (story S2). */
class ArmCpuSyncTest {
    private static final long BREAKPOINT_ESR = 0xf2000000L; // EC 0x3c (BRK), IL set
    private static final long GUEST_VBAR = 0xffff000010080800L;
    private static final long GUEST_SCTLR_MMU_ON = 0x30d519bdL; // M, C, I set; RES1 bits set

    private final List<SyncEvent> events = new ArrayList<>();

    private ArmCpu cpu(SyncPolicy policy) {
        CpRegSet set = CpRegSet.cortexA57();
        return new ArmCpu(set, policy, HypervisorVcpu.matching(set), events::add);
    }

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void debuggerWriteReachesKvmOnlyWithWriteBack(SyncPolicy policy) {
        ArmCpu cpu = cpu(policy);
        cpu.get();
        cpu.debuggerWrite("ESR_EL1", BREAKPOINT_ESR);
        assertTrue(cpu.put());
        long expected = policy == SyncPolicy.NO_WRITEBACK ? 0 : BREAKPOINT_ESR;
        assertEquals(expected, cpu.kvmValue("ESR_EL1"), "ESR_EL1 in KVM after put under " + policy);
        assertEquals(BREAKPOINT_ESR, cpu.stateValue("ESR_EL1"), "the emulator's copy holds the debugger's value");
    }

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void resetThenPutKeepsResetValuesOnlyWhenResetRefreshesState(SyncPolicy policy) {
        ArmCpu cpu = cpu(policy);
        cpu.guestWrite("VBAR_EL1", GUEST_VBAR);
        cpu.guestWrite("SCTLR_EL1", GUEST_SCTLR_MMU_ON);
        cpu.get();
        cpu.reset();
        assertTrue(cpu.put());
        boolean clobbered = policy == SyncPolicy.WRITEBACK_STALE_RESET;
        assertEquals(clobbered ? GUEST_VBAR : 0, cpu.kvmValue("VBAR_EL1"), "VBAR_EL1 after reset+put under " + policy);
        assertEquals(clobbered ? GUEST_SCTLR_MMU_ON : 0x00c50838L, cpu.kvmValue("SCTLR_EL1"),
                "SCTLR_EL1 after reset+put under " + policy + " (firmware must start with the MMU off)");
    }

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void invariantRegisterThatDiffersFromHostNeverFlowsBack(SyncPolicy policy) {
        CpRegSet set = CpRegSet.cortexA57();
        long[] host = new long[set.size()];
        for (int i = 0; i < host.length; i++) {
            host[i] = set.get(i).resetValue();
        }
        long hostMidr = 0x410fd034L; // the host is a Cortex-A53
        host[set.positionOf("MIDR_EL1")] = hostMidr;
        ArmCpu cpu = new ArmCpu(set, policy, new HypervisorVcpu(set, host), events::add);
        cpu.get();
        assertTrue(events.stream().anyMatch(e -> e.op() == SyncEvent.Op.LIST_TO_STATE_MISMATCH
                && e.register().equals("MIDR_EL1")), "the lossy list-to-state copy is reported");
        cpu.debuggerWrite("ESR_EL1", BREAKPOINT_ESR);
        assertTrue(cpu.put(), "no invariant register is pushed back to KVM");
        assertEquals(hostMidr, cpu.kvmValue("MIDR_EL1"));
        assertFalse(events.stream().anyMatch(e -> e.op() == SyncEvent.Op.KVM_SET_REFUSED));
    }

    @Test
    void releasesMapToTheShippedPolicies() {
        assertEquals(SyncPolicy.NO_WRITEBACK, SyncPolicy.forRelease(dev.vmtrace.engine.machine.Release.parse("4.0")));
        assertEquals(SyncPolicy.WRITEBACK, SyncPolicy.forRelease(dev.vmtrace.engine.machine.Release.parse("4.1")));
        assertEquals(SyncPolicy.WRITEBACK, SyncPolicy.forRelease(dev.vmtrace.engine.machine.Release.parse("7.2.22")));
    }

    @Test
    void readOnlyBitsOfAPartlyWritableRegisterDoNotStick() {
        ArmCpu cpu = cpu(SyncPolicy.WRITEBACK);
        cpu.guestWrite("SCTLR_EL1", 0L); // KVM lets the guest view clear RES1 bits in this model
        cpu.get();
        assertTrue(events.stream().anyMatch(e -> e.op() == SyncEvent.Op.LIST_TO_STATE_MISMATCH
                && e.register().equals("SCTLR_EL1")));
        assertTrue(cpu.put());
        assertEquals(0L, cpu.kvmValue("SCTLR_EL1"), "a value that could not be written into the state stays as KVM had it");
    }
}
