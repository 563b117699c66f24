package dev.vmtrace.engine.cpu.arm;

import java.util.Arrays;

/**
 * The cpreg part of the migrated "cpu" state: parallel arrays of KVM ids and values, with their
 * length sent first. Immutable.
 */
public final class CpregState {
    private final long[] indexes;
    private final long[] values;

    public CpregState(long[] indexes, long[] values) {
        if (indexes.length != values.length) {
            throw new IllegalArgumentException("indexes and values differ in length");
        }
        this.indexes = indexes.clone();
        this.values = values.clone();
    }

    /** What a source saves: its list, after copying the current state into it. */
    public static CpregState save(ArmCpu cpu) {
        return new CpregState(cpu.registers().indexes(), cpu.listValues());
    }

    public int length() {
        return indexes.length;
    }

    public long index(int i) {
        return indexes[i];
    }

    public long value(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpregState && Arrays.equals(indexes, ((CpregState) o).indexes)
                && Arrays.equals(values, ((CpregState) o).values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indexes) + Arrays.hashCode(values);
    }
}
