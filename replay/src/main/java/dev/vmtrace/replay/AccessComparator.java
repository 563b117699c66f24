package dev.vmtrace.replay;

import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.memory.DispatchKind;
import dev.vmtrace.engine.memory.Dispatcher;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.Space;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.RegionDefined;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Performs one traced guest access on the engine and compares: the device-level shape (same
 * pieces, at the same addresses, of the same sizes, on the same regions, dropped or not), the
 * values handed to devices, and the value a read returned. Regions are identified by name and
 * size, so the legacy and modern CPU-hotplug blocks differ while instance identities (QEMU's
 * {@code mr} pointers, the engine's instance numbers) never matter. An access that reaches a
 * region the engine does not model is still compared on shape; its read value is taken from the
 * trace (counted as unmodeled).
 */
final class AccessComparator {
    private final Divergences out;
    private EngineRun run;
    private String where;
    private boolean deviceSideValues;
    private java.util.Set<String> feedBack = java.util.Set.of();
    /** Reads fed back from the trace because their region is in the feed-back set. */
    long fedBack;
    long accesses;
    long readsCompared;
    long readsMatching;
    long unmodeled;

    AccessComparator(Divergences out) {
        this.out = out;
    }

    void target(EngineRun r, MachineConfig c) {
        this.run = r;
        this.where = c.policy().name().toLowerCase(Locale.ROOT) + " " + c.accel().name() + ", release " + c.release();
    }

    /**
     * Imported QEMU logs carry the device-side value of each access (after QEMU's endianness
     * swap): for a big-endian region the guest's value is the byte-swapped one.
     */
    void deviceSideValues(boolean value) {
        this.deviceSideValues = value;
    }

    /** Regions whose read values are taken from the trace instead of compared. */
    void feedBack(java.util.Set<String> names) {
        this.feedBack = names;
    }

    private boolean fedBack() {
        if (feedBack.isEmpty()) {
            return false;
        }
        for (int i = 0; i < run.count; i++) {
            if (feedBack.contains(run.regions[i].name())) {
                return true;
            }
        }
        return false;
    }

    void compare(GuestAccess a, List<Dispatch> ds, IntFunction<RegionDefined> regions) {
        accesses++;
        boolean write = a.direction() == Direction.WRITE;
        Space space = a.space() == dev.vmtrace.trace.Space.IO ? Space.IO : Space.MEMORY;
        long guestValue = a.value();
        if (deviceSideValues && a.size() > 1) {
            dev.vmtrace.engine.memory.FlatRange fr = run.machine().space(space).flatView().lookup(a.address());
            if (fr != null && fr.region().endianness().isBig()) {
                guestValue = swap(guestValue, a.size());
            }
        }
        long v = run.access(space, write, a.address(), a.size(), guestValue, a.vcpu());
        boolean unmod = run.touchedUnmodeled();
        if (!unmod && !write && fedBack()) {
            unmod = true;
            fedBack++;
        }
        if (unmod) {
            unmodeled++;
        }
        if (!ds.isEmpty()) {
            compareShape(a, ds, regions, write);
        }
        if (!write && !unmod) {
            readsCompared++;
            long mask = Dispatcher.mask(a.size());
            long expected = guestValue & mask;
            long actual = v & mask;
            if (expected == actual) {
                readsMatching++;
            } else {
                int i = run.count > 0 ? 0 : -1;
                out.add(new Divergence(DivergenceKind.READ_VALUE, a.seq(), label(i), where(i, a.address())
                        + ": " + a.size() + "-byte read returned 0x" + Long.toHexString(actual) + " on replay, 0x"
                        + Long.toHexString(expected) + " in the trace (" + where + ")",
                        "0x" + Long.toHexString(expected), "0x" + Long.toHexString(actual)));
            }
        }
    }

    private void compareShape(GuestAccess a, List<Dispatch> ds, IntFunction<RegionDefined> regions, boolean write) {
        int tc = ds.size();
        int ec = run.count;
        int common = Math.min(tc, ec);
        for (int i = 0; i < common; i++) {
            Dispatch d = ds.get(i);
            RegionDefined r = regions.apply(d.region());
            String tName = r == null ? "?" : r.name();
            long tSize = r == null ? 0 : r.size();
            long tAddr = (r == null ? 0 : r.base()) + d.offset();
            boolean tDropped = d.outcome() == DispatchOutcome.DROPPED;
            Region er = run.regions[i];
            boolean eDropped = run.kinds[i] == DispatchKind.DROPPED;
            boolean sameRegion = tName.equals(er.name()) && (tSize == 0 || tSize == er.size());
            if (!sameRegion || tAddr != run.addresses[i] || d.size() != run.sizes[i] || tDropped != eDropped) {
                classify(a, ds, regions, i, tName, tSize, tDropped, eDropped, sameRegion);
                return;
            }
        }
        if (tc != ec) {
            int i = Math.min(common, ec - 1);
            shape(DivergenceKind.SPLIT, a, ds, regions, i, ": " + a.size() + "-byte " + dir(a) + " became " + ec
                    + " piece" + (ec == 1 ? "" : "s") + " on replay, " + tc + " in the trace");
            return;
        }
        if (write) {
            for (int i = 0; i < common; i++) {
                Dispatch d = ds.get(i);
                if (d.outcome() == DispatchOutcome.DROPPED || run.kinds[i] == DispatchKind.DROPPED) {
                    continue;
                }
                long mask = Dispatcher.mask(d.size());
                if ((d.value() & mask) != (run.values[i] & mask)) {
                    out.add(new Divergence(DivergenceKind.WRITE_VALUE, a.seq(), label(i), where(i, run.addresses[i])
                            + ": device received 0x" + Long.toHexString(run.values[i] & mask) + " on replay, 0x"
                            + Long.toHexString(d.value() & mask) + " in the trace",
                            "0x" + Long.toHexString(d.value() & mask), "0x" + Long.toHexString(run.values[i] & mask)));
                    return;
                }
            }
        }
    }

    private void classify(GuestAccess a, List<Dispatch> ds, IntFunction<RegionDefined> regions, int i, String tName,
                          long tSize, boolean tDropped, boolean eDropped, boolean sameRegion) {
        String size = a.size() + "-byte " + dir(a);
        if (eDropped && !tDropped) {
            shape(DivergenceKind.DROPPED, a, ds, regions, i, ": " + size + " dropped: " + run.reasons[i] + " under "
                    + where);
        } else if (tDropped && !eDropped) {
            shape(DivergenceKind.NOT_DROPPED, a, ds, regions, i, ": " + size + " delivered on replay (" + where
                    + "), dropped in the trace");
        } else if (!sameRegion) {
            boolean io = tName.equals("io") || run.regions[i].name().equals("io");
            shape(io ? DivergenceKind.UNASSIGNED : DivergenceKind.REGION, a, ds, regions, i, ": " + size
                    + " reached " + RegionLabels.label(run.regions[i].name(), run.regions[i].size()) + " on replay, "
                    + RegionLabels.label(tName, tSize) + " in the trace");
        } else if (ds.size() != run.count) {
            shape(DivergenceKind.SPLIT, a, ds, regions, i, ": " + size + " became " + run.count + " piece"
                    + (run.count == 1 ? "" : "s") + " on replay, " + ds.size() + " in the trace");
        } else {
            boolean tWide = ds.get(i).size() > a.size();
            boolean eWide = run.sizes[i] > a.size();
            shape(tWide != eWide ? DivergenceKind.WIDENED : DivergenceKind.SHAPE, a, ds, regions, i, ": " + size
                    + " has other pieces on replay");
        }
    }

    private void shape(DivergenceKind kind, GuestAccess a, List<Dispatch> ds, IntFunction<RegionDefined> regions,
                       int i, String what) {
        out.add(new Divergence(kind, a.seq(), label(i), where(i, a.address()) + what, tracePieces(ds, regions),
                enginePieces()));
    }

    private static long swap(long v, int size) {
        switch (size) {
            case 2: return Short.reverseBytes((short) v) & 0xffffL;
            case 4: return Integer.reverseBytes((int) v) & 0xffffffffL;
            case 8: return Long.reverseBytes(v);
            default: return v;
        }
    }

    private static String dir(GuestAccess a) {
        return a.direction() == Direction.WRITE ? "write" : "read";
    }

    /** The engine region label of piece {@code i}, or {@code -}. */
    private String label(int i) {
        if (i < 0 || i >= run.count) {
            return "-";
        }
        return RegionLabels.label(run.regions[i].name(), run.regions[i].size());
    }

    /** {@code acpi-cpu-hotplug (legacy) +0x0}, with the register name when the region has a map. */
    private String where(int i, long address) {
        if (i < 0 || i >= run.count) {
            return String.format("0x%x", address);
        }
        Region r = run.regions[i];
        return label(i) + " " + RegionLabels.offset(run.offsets[i], r.registerMap());
    }

    private String enginePieces() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < run.count; i++) {
            Region r = run.regions[i];
            piece(sb, RegionLabels.label(r.name(), r.size()), run.addresses[i], run.sizes[i], run.values[i],
                    run.kinds[i] == DispatchKind.DROPPED ? "dropped (" + run.reasons[i] + ")"
                            : run.kinds[i].name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return sb.length() == 0 ? "(no dispatch)" : sb.toString();
    }

    private static String tracePieces(List<Dispatch> ds, IntFunction<RegionDefined> regions) {
        StringBuilder sb = new StringBuilder();
        for (Dispatch d : ds) {
            RegionDefined r = regions.apply(d.region());
            piece(sb, r == null ? "region " + d.region() : RegionLabels.label(r.name(), r.size()),
                    (r == null ? 0 : r.base()) + d.offset(), d.size(), d.value(),
                    d.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return sb.toString();
    }

    private static void piece(StringBuilder sb, String region, long address, int size, long value, String kind) {
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(String.format("%s 0x%x/%d=0x%x %s", region, address, size, value, kind));
    }
}
