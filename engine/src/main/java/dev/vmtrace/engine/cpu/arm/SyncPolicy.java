package dev.vmtrace.engine.cpu.arm;

import dev.vmtrace.engine.machine.Release;

/**
 * How a release synchronises the KVM register list with the emulator's CPU state. Source: the
 * 2019 series "arm: Allow system registers for KVM guests to be changed by QEMU code" (see
 * docs/devices/arm-cpreg.md).
 */
public enum SyncPolicy {
    /**
     * QEMU up to 4.0: put copies only the list to KVM, never the CPU state back into the list, so a
     * change made by emulator code (a debugger writing ESR_EL1) is lost.
     */
    NO_WRITEBACK("QEMU <= 4.0", false, false),
    /**
     * Commit 823e1b3818f9 (reverted by 942f99c825fc before 4.0 shipped): put copies state back for
     * registers whose earlier write stuck, but a vCPU reset refreshed only the list, not the state,
     * so the next put wrote stale pre-reset values over the reset values and firmware failed to boot.
     */
    WRITEBACK_STALE_RESET("823e1b3818f9 (QEMU 4.0-rc, reverted)", true, false),
    /** QEMU 4.1 and later: as above, and reset refreshes the CPU state from the list. */
    WRITEBACK("QEMU >= 4.1", true, true);

    private final String source;
    private final boolean writeBackOnPut;
    private final boolean resetRefreshesState;

    SyncPolicy(String source, boolean writeBackOnPut, boolean resetRefreshesState) {
        this.source = source;
        this.writeBackOnPut = writeBackOnPut;
        this.resetRefreshesState = resetRefreshesState;
    }

    /**
     * The policy a QEMU release ships: write-back from 4.1 on, none before. The first version of
     * the fix never shipped in a release (it was reverted during the 4.0 cycle), so no release maps
     * to {@link #WRITEBACK_STALE_RESET}; name it explicitly to replay that commit.
     */
    public static SyncPolicy forRelease(Release release) {
        return release.atLeast(4, 1, 0) ? WRITEBACK : NO_WRITEBACK;
    }

    /** Where this behaviour comes from. */
    public String source() {
        return source;
    }

    /** Whether put copies the CPU state back into the list (only registers whose write stuck). */
    public boolean writeBackOnPut() {
        return writeBackOnPut;
    }

    /** Whether a vCPU reset also copies the list into the CPU state. */
    public boolean resetRefreshesState() {
        return resetRefreshesState;
    }
}
