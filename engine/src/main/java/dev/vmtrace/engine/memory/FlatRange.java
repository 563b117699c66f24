package dev.vmtrace.engine.memory;

/**
 * One contiguous piece of a flattened address space: addresses {@code [start, end)} answered by
 * {@code region}, where {@code start} is {@code offsetInRegion} inside the region.
 */
public record FlatRange(long start, long end, Region region, long offsetInRegion) {

    /** The offset inside the region for an address in this range. */
    public long offsetOf(long address) {
        return offsetInRegion + (address - start);
    }

    /** Whether {@code address} lies in this range. */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
