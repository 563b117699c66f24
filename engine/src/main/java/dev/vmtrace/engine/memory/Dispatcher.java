package dev.vmtrace.engine.memory;

import dev.vmtrace.engine.machine.AccessPolicy;

/**
 * Turns guest accesses into device dispatches exactly as QEMU 7.2 does (devices.md sections 0
 * and 1): the direct (TCG) or buffer (KVM, qtest) path, then the validity check under the access
 * policy, then {@code access_with_adjusted_size} (split wide, widen narrow at the original
 * offset, combine by endianness). Stateless; the scratch buffer makes it single-threaded.
 */
public final class Dispatcher {
    private final byte[] scratch = new byte[8];

    /** Reads {@code size} (1..8) bytes at {@code address}; returns the value the guest sees. */
    public long read(AddressSpace as, long address, int size, DispatchPath path, AccessPolicy policy, AccessSink sink) {
        checkSize(size);
        if (path == DispatchPath.DIRECT) {
            FlatView view = as.flatView();
            FlatRange r = lookup(view, as, address);
            if (isDirectRead(r.region())) {
                readBytes(view, as, address, scratch, 0, size, policy, sink, size);
                return unpackLE(scratch, size);
            }
            long v = dispatchRead(r.region(), address, r.offsetOf(address), size, size, policy, sink);
            return v & mask(size);
        }
        readBytes(as.flatView(), as, address, scratch, 0, size, policy, sink, size);
        return unpackLE(scratch, size);
    }

    /** Writes the low {@code size} (1..8) bytes of {@code value} at {@code address}. */
    public void write(AddressSpace as, long address, long value, int size, DispatchPath path, AccessPolicy policy,
                      AccessSink sink) {
        checkSize(size);
        if (path == DispatchPath.DIRECT) {
            FlatView view = as.flatView();
            FlatRange r = lookup(view, as, address);
            if (r.region().kind() != RegionKind.RAM && r.region().kind() != RegionKind.ROM) {
                dispatchWrite(r.region(), address, r.offsetOf(address), value & mask(size), size, size, policy, sink);
                return;
            }
        }
        packLE(value, scratch, size);
        writeBytes(as.flatView(), as, address, scratch, 0, size, policy, sink, size);
    }

    /** Buffer-path bulk read (qtest {@code read}, DMA) into {@code buf[off, off+len)}. */
    public void readBytes(AddressSpace as, long address, byte[] buf, int off, int len, AccessPolicy policy,
                          AccessSink sink) {
        readBytes(as.flatView(), as, address, buf, off, len, policy, sink, len);
    }

    /** Buffer-path bulk write (qtest {@code write}, DMA) from {@code buf[off, off+len)}. */
    public void writeBytes(AddressSpace as, long address, byte[] buf, int off, int len, AccessPolicy policy,
                           AccessSink sink) {
        writeBytes(as.flatView(), as, address, buf, off, len, policy, sink, len);
    }

    private void readBytes(FlatView view, AddressSpace as, long address, byte[] buf, int off, int len,
                           AccessPolicy policy, AccessSink sink, int guestSize) {
        int done = 0;
        while (done < len) {
            long a = address + done;
            FlatRange r = lookup(view, as, a);
            Region mr = r.region();
            int remaining = len - done;
            long offset = r.offsetOf(a);
            if (isDirectRead(mr)) {
                int l = (int) Math.min(remaining, r.end() - a);
                SparseBytes store = mr.storage();
                for (int i = 0; i < l; i++) {
                    buf[off + done + i] = (byte) store.get(offset + i);
                }
                sink.dispatch(mr, a, offset, l, 0, mr.kind() == RegionKind.ROM ? DispatchKind.UNMODELED
                        : l == guestSize ? DispatchKind.DELIVERED : DispatchKind.SPLIT_PART, null);
                done += l;
                continue;
            }
            int l = mr.rules().pieceSize(remaining, offset);
            long v = dispatchRead(mr, a, offset, l, guestSize, policy, sink);
            for (int i = 0; i < l; i++) {
                buf[off + done + i] = (byte) (v >>> (8 * i));
            }
            done += l;
        }
    }

    private void writeBytes(FlatView view, AddressSpace as, long address, byte[] buf, int off, int len,
                            AccessPolicy policy, AccessSink sink, int guestSize) {
        int done = 0;
        while (done < len) {
            long a = address + done;
            FlatRange r = lookup(view, as, a);
            Region mr = r.region();
            int remaining = len - done;
            long offset = r.offsetOf(a);
            if (mr.kind() == RegionKind.RAM || mr.kind() == RegionKind.ROM) {
                int l = (int) Math.min(remaining, r.end() - a);
                long shown = 0;
                if (mr.kind() == RegionKind.RAM) {
                    SparseBytes store = mr.storage();
                    for (int i = 0; i < l; i++) {
                        store.put(offset + i, buf[off + done + i]);
                    }
                }
                for (int i = 0; i < Math.min(l, 8); i++) {
                    shown |= (buf[off + done + i] & 0xffL) << (8 * i);
                }
                sink.dispatch(mr, a, offset, l, shown, mr.kind() == RegionKind.ROM ? DispatchKind.UNMODELED
                        : l == guestSize ? DispatchKind.DELIVERED : DispatchKind.SPLIT_PART, null);
                done += l;
                continue;
            }
            int l = mr.rules().pieceSize(remaining, offset);
            long v = 0;
            for (int i = 0; i < l; i++) {
                v |= (buf[off + done + i] & 0xffL) << (8 * i);
            }
            dispatchWrite(mr, a, offset, v, l, guestSize, policy, sink);
            done += l;
        }
    }

    /** RAM, ROM and a ROM device in ROM mode are read without a callback (QEMU's direct access). */
    private static boolean isDirectRead(Region mr) {
        return mr.kind() == RegionKind.RAM || mr.kind() == RegionKind.ROM || mr.romd();
    }

    private static FlatRange lookup(FlatView view, AddressSpace as, long address) {
        FlatRange r = view.lookup(address);
        if (r == null) {
            // Nothing mapped: QEMU's unassigned section, whose offset is the address itself.
            return new FlatRange(address, address + 1, as.unassigned(), address);
        }
        return r;
    }

    /**
     * {@code memory_region_dispatch_read}: validity check, then the impl-size loop. Returns the
     * combined value (possibly wider than {@code size} when widened; callers mask).
     */
    static long dispatchRead(Region mr, long address, long offset, int size, int guestSize, AccessPolicy policy,
                             AccessSink sink) {
        AccessRules rules = mr.rules();
        String reason = rules.invalidReason(offset, size, false, policy);
        if (reason != null) {
            sink.dispatch(mr, address, offset, size, 0, DispatchKind.DROPPED, reason);
            return 0;
        }
        int accessSize = Math.max(Math.min(size, rules.effectiveImplMax()), rules.effectiveImplMin());
        long accessMask = mask(accessSize);
        boolean big = mr.endianness().isBig();
        long result = 0;
        for (int i = 0; i < size; i += accessSize) {
            long raw = mr.handler().read(offset + i, accessSize);
            sink.dispatch(mr, address + i, offset + i, accessSize, raw,
                    kindOf(mr, size, accessSize, guestSize), null);
            int shift = big ? (size - accessSize - i) * 8 : i * 8;
            result |= shift >= 0 ? (raw & accessMask) << shift : (raw & accessMask) >>> -shift;
        }
        if (big) {
            result = swap(result, size);
        }
        return result;
    }

    /** {@code memory_region_dispatch_write}: endianness swap, validity check, impl-size loop. */
    static void dispatchWrite(Region mr, long address, long offset, long value, int size, int guestSize,
                              AccessPolicy policy, AccessSink sink) {
        AccessRules rules = mr.rules();
        String reason = rules.invalidReason(offset, size, true, policy);
        if (reason != null) {
            sink.dispatch(mr, address, offset, size, value, DispatchKind.DROPPED, reason);
            return;
        }
        boolean big = mr.endianness().isBig();
        long v = big ? swap(value, size) : value;
        int accessSize = Math.max(Math.min(size, rules.effectiveImplMax()), rules.effectiveImplMin());
        long accessMask = mask(accessSize);
        for (int i = 0; i < size; i += accessSize) {
            int shift = big ? (size - accessSize - i) * 8 : i * 8;
            long piece = (shift >= 0 ? v >>> shift : v << -shift) & accessMask;
            sink.dispatch(mr, address + i, offset + i, accessSize, piece, kindOf(mr, size, accessSize, guestSize), null);
            mr.handler().write(offset + i, piece, accessSize);
        }
    }

    private static DispatchKind kindOf(Region mr, int size, int accessSize, int guestSize) {
        if (mr.kind() == RegionKind.UNASSIGNED_IO) {
            return DispatchKind.UNASSIGNED;
        }
        if (mr.kind() == RegionKind.UNMODELED || mr.kind() == RegionKind.UNASSIGNED_MEMORY) {
            return DispatchKind.UNMODELED;
        }
        if (accessSize > size) {
            return DispatchKind.WIDENED;
        }
        return accessSize == guestSize ? DispatchKind.DELIVERED : DispatchKind.SPLIT_PART;
    }

    /** A mask of the low {@code size} bytes. */
    public static long mask(int size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }

    static long swap(long value, int size) {
        switch (size) {
            case 1:
                return value & 0xff;
            case 2:
                return Short.reverseBytes((short) value) & 0xffffL;
            case 4:
                return Integer.reverseBytes((int) value) & 0xffffffffL;
            default:
                return Long.reverseBytes(value);
        }
    }

    private static long unpackLE(byte[] buf, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (buf[i] & 0xffL) << (8 * i);
        }
        return v;
    }

    private static void packLE(long value, byte[] buf, int size) {
        for (int i = 0; i < size; i++) {
            buf[i] = (byte) (value >>> (8 * i));
        }
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("access size must be 1, 2, 4 or 8, not " + size);
        }
    }
}
