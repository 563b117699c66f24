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
        for (int i = 0; i < length; i++) {
            Leaf l = find(root, address + i);
            if (l == null) {
                return false;
            }
            dst[offset + i] = (byte) l.storage.get(l.offset);
        }
        return true;
    }

    @Override
    public boolean write(long address, byte[] src, int offset, int length) {
        for (int i = 0; i < length; i++) {
            Leaf l = find(root, address + i);
            if (l == null || !l.writable) {
                return false;
            }
            l.storage.put(l.offset, src[offset + i]);
        }
        return true;
    }

    private record Leaf(SparseBytes storage, long offset, boolean writable) {
    }

    private static Leaf find(Region r, long addr) {
        if (!r.enabled() || addr < 0 || addr >= r.size()) {
            return null;
        }
        for (Region.Subregion s : r.subregions()) {
            long rel = addr - s.offset();
            if (rel >= 0 && rel < s.region().size() && s.region().enabled()) {
                Leaf l = find(s.region(), rel);
                if (l != null || s.region().terminates()) {
                    return l;
                }
            }
        }
        if (r.kind() == RegionKind.ALIAS) {
            return find(r.aliasTarget(), addr + r.aliasOffset());
        }
        if (r.kind() == RegionKind.RAM) {
            return new Leaf(r.storage(), addr, true);
        }
        if (r.kind() == RegionKind.ROM) {
            return new Leaf(r.storage(), addr, false);
        }
        return null;
    }
}
