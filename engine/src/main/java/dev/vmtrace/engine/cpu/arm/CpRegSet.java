package dev.vmtrace.engine.cpu.arm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The registers a CPU model has, sorted by KVM id ascending as the cpreg list is. Registers
 * without raw access are kept out, as QEMU's list builder does.
 */
public final class CpRegSet {
    private final List<CpRegDef> regs;
    private final long[] indexes;

    public CpRegSet(List<CpRegDef> defs) {
        List<CpRegDef> sorted = new ArrayList<>();
        for (CpRegDef d : defs) {
            if (d.kind() != CpRegKind.NO_RAW) {
                sorted.add(d);
            }
        }
        sorted.sort(Comparator.comparingLong(CpRegDef::kvmIndex));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).kvmIndex() == sorted.get(i - 1).kvmIndex()) {
                throw new IllegalArgumentException("duplicate register id " + sorted.get(i).hexIndex()
                        + ": " + sorted.get(i - 1).name() + " and " + sorted.get(i).name());
            }
        }
        this.regs = List.copyOf(sorted);
        this.indexes = sorted.stream().mapToLong(CpRegDef::kvmIndex).toArray();
    }

    /**
     * A Cortex-A57-like EL1 register set: enough registers of each kind to show lossy sync. The
     * constant values are the emulator's; a hypervisor may report others for the host CPU.
     */
    public static CpRegSet cortexA57() {
        return new CpRegSet(baseA57());
    }

    /**
     * The same CPU as a newer release exposes it, with extra registers (for migration between
     * releases whose register sets differ).
     */
    public static CpRegSet cortexA57With(CpRegDef... extra) {
        List<CpRegDef> all = new ArrayList<>(baseA57());
        all.addAll(Arrays.asList(extra));
        return new CpRegSet(all);
    }

    private static List<CpRegDef> baseA57() {
        return List.of(
                CpRegDef.constant("MIDR_EL1", 3, 0, 0, 0, 0, 0x411fd070L),
                CpRegDef.constant("MPIDR_EL1", 3, 0, 0, 0, 5, 0x80000000L),
                CpRegDef.constant("ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, 0x00002222L),
                CpRegDef.partlyReadOnly("SCTLR_EL1", 3, 0, 1, 0, 0, 0x00c50838L, 0xffffffffL & ~0x00c50838L),
                CpRegDef.normal("CPACR_EL1", 3, 0, 1, 0, 2, 0),
                CpRegDef.normal("TTBR0_EL1", 3, 0, 2, 0, 0, 0),
                CpRegDef.normal("TTBR1_EL1", 3, 0, 2, 0, 1, 0),
                CpRegDef.normal("TCR_EL1", 3, 0, 2, 0, 2, 0),
                CpRegDef.normal("AFSR0_EL1", 3, 0, 5, 1, 0, 0),
                CpRegDef.normal("ESR_EL1", 3, 0, 5, 2, 0, 0),
                CpRegDef.normal("FAR_EL1", 3, 0, 6, 0, 0, 0),
                CpRegDef.normal("PAR_EL1", 3, 0, 7, 4, 0, 0),
                CpRegDef.normal("MAIR_EL1", 3, 0, 10, 2, 0, 0),
                CpRegDef.normal("VBAR_EL1", 3, 0, 12, 0, 0, 0),
                CpRegDef.normal("CONTEXTIDR_EL1", 3, 0, 13, 0, 1, 0),
                CpRegDef.normal("TPIDR_EL1", 3, 0, 13, 0, 4, 0),
                CpRegDef.normal("CNTKCTL_EL1", 3, 0, 14, 1, 0, 0),
                CpRegDef.constant("CTR_EL0", 3, 3, 0, 0, 1, 0x8444c004L),
                CpRegDef.normal("TPIDR_EL0", 3, 3, 13, 0, 2, 0));
    }

    public int size() {
        return regs.size();
    }

    /** The register at list position {@code i}. */
    public CpRegDef get(int i) {
        return regs.get(i);
    }

    public List<CpRegDef> all() {
        return regs;
    }

    /** The sorted KVM ids (a copy). */
    public long[] indexes() {
        return indexes.clone();
    }

    /** List position of the register with this id, or -1. */
    public int positionOf(long kvmIndex) {
        int i = Arrays.binarySearch(indexes, kvmIndex);
        return i >= 0 ? i : -1;
    }

    /** List position of the register with this name, or -1. */
    public int positionOf(String name) {
        for (int i = 0; i < regs.size(); i++) {
            if (regs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The register with this id. */
    public Optional<CpRegDef> byIndex(long kvmIndex) {
        int i = positionOf(kvmIndex);
        return i >= 0 ? Optional.of(regs.get(i)) : Optional.empty();
    }
}
