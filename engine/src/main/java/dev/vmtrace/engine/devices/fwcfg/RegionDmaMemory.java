package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionKind;
import dev.vmtrace.engine.memory.SparseBytes;

/**
 * DMA access to guest RAM by walking a memory root region: subregions in rendering order
 * (highest priority first), aliases followed, RAM storage read and written byte by byte. ROM
 * reads as its storage and refuses writes; anything else (devices, unassigned) fails the transfer,
 * as a DMA to MMIO would not land in RAM. That keeps fw_cfg DMA inside the engine's own memory
 * model without a second copy of guest RAM.
 */
public final class RegionDmaMemory implements DmaMemory {
    private final Region root;

    /** DMA over the memory tree under {@code root} (the {@code system} region). */
    public RegionDmaMemory(Region root) {
        this.root = root;
    }

    @Override
    public boolean read(long address, byte[] dst, int offset, int length) {
        int done = 0;
        while (done < length) {
            Leaf l = find(root, address + done);
            if (l == null) {
                return false;
            }
            int n = (int) Math.min(length - done, l.remaining);
            for (int i = 0; i < n; i++) {
                dst[offset + done + i] = (byte) l.storage.get(l.offset + i);
            }
            done += n;
        }
        return true;
    }

    @Override
    public boolean write(long address, byte[] src, int offset, int length) {
        int done = 0;
        while (done < length) {
            Leaf l = find(root, address + done);
            if (l == null || !l.writable) {
                return false;
            }
            int n = (int) Math.min(length - done, l.remaining);
            for (int i = 0; i < n; i++) {
                int v = src[offset + done + i] & 0xff;
                // Zeros over never-written pages stay unallocated (a guest zero-filling RAM by DMA).
                if (v != 0 || l.storage.get(l.offset + i) != 0) {
                    l.storage.put(l.offset + i, v);
                }
            }
            done += n;
        }
        return true;
    }

    /** A RAM/ROM byte range: storage, offset in it, bytes left before the mapping ends. */
    private record Leaf(SparseBytes storage, long offset, boolean writable, long remaining) {
        Leaf clip(long max) {
            return new Leaf(storage, offset, writable, Math.min(remaining, max));
        }
    }

    private static Leaf find(Region r, long addr) {
        if (!r.enabled() || addr < 0 || addr >= r.size()) {
            return null;
        }
        long limit = r.size() - addr;
        for (Region.Subregion s : r.subregions()) {
            long rel = addr - s.offset();
            if (rel >= 0 && rel < s.region().size() && s.region().enabled()) {
                Leaf l = find(s.region(), rel);
                if (l != null || s.region().terminates()) {
                    return l == null ? null : l.clip(limit);
                }
            } else if (rel < 0) {
                // a later subregion starts above addr: a chunk must stop before it may take over
                limit = Math.min(limit, -rel);
            }
        }
        if (r.kind() == RegionKind.ALIAS) {
            Leaf l = find(r.aliasTarget(), addr + r.aliasOffset());
            return l == null ? null : l.clip(limit);
        }
        if (r.kind() == RegionKind.RAM) {
            return new Leaf(r.storage(), addr, true, limit);
        }
        if (r.kind() == RegionKind.ROM) {
            return new Leaf(r.storage(), addr, false, limit);
        }
        return null;
    }
}
