package dev.vmtrace.trace.qemu;

import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the device-level accesses of a QEMU log back into guest accesses. Pieces that may be
 * parts of one split guest access (same region instance, vCPU and direction, ascending contiguous
 * addresses, each of the region's impl max, on a region whose rules allow a wider access) are held
 * with the events between them until the run ends; then naturally aligned groups become one
 * inferred {@link GuestAccess} followed by its {@link DispatchOutcome#SPLIT_PART} dispatches, and
 * the rest plain accesses, in the original order.
 */
final class SplitReconstructor {
    private final TraceWriter out;
    private final List<Piece> run = new ArrayList<>();
    private final List<Object> held = new ArrayList<>();
    long guestAccesses;
    long inferred;
    long otherEvents;

    SplitReconstructor(TraceWriter out) {
        this.out = out;
    }

    /** One device-level access line. */
    void access(RegionInstance r, Direction dir, int cpu, long addr, int size, long value, long time)
            throws IOException {
        if (run.isEmpty() && !canStartRun(r, size)) {
            direct(r, dir, cpu, addr, size, value, time);
        } else {
            piece(new Piece(r, dir, cpu, addr, size, value, time));
        }
    }

    /** An event that is not an access: held back while a run is pending, to keep the order. */
    void other(TraceEvent event) throws IOException {
        otherEvents++;
        if (run.isEmpty()) {
            out.append(event);
        } else {
            held.add(event);
        }
    }

    private void piece(Piece x) throws IOException {
        if (!run.isEmpty()) {
            Piece first = run.get(0);
            Piece last = run.get(run.size() - 1);
            boolean joins = x.region == first.region && x.dir == first.dir && x.cpu == first.cpu
                    && x.size == first.size && x.addr == last.addr + last.size
                    && (run.size() + 1) * first.size <= first.region.maxWidth();
            if (joins) {
                run.add(x);
                held.add(x);
                return;
            }
            flush();
        }
        if (canStartRun(x.region, x.size)) {
            run.add(x);
            held.add(x);
            return;
        }
        direct(x.region, x.dir, x.cpu, x.addr, x.size, x.value, x.time);
    }

    /** Only pieces of exactly the impl max of a region that allows wider guest accesses can be parts. */
    private static boolean canStartRun(RegionInstance r, int size) {
        return r.splittable && size == r.spec.rules().implMax();
    }

    /** Writes the pending run: inferred wide accesses where the pieces allow, plain ones otherwise. */
    void flush() throws IOException {
        if (run.isEmpty()) {
            return;
        }
        List<Object> items = new ArrayList<>(held);
        List<Piece> pieces = new ArrayList<>(run);
        run.clear();
        held.clear();
        int i = 0;
        int item = 0;
        while (i < pieces.size()) {
            Piece first = pieces.get(i);
            int width = 0;
            for (int w = first.region.maxWidth(); w > first.size; w >>= 1) {
                if (first.addr % w == 0 && i + w / first.size <= pieces.size()) {
                    width = w;
                    break;
                }
            }
            int n = width == 0 ? 1 : width / first.size;
            if (n == 1) {
                // Emit held opaque events up to this piece, then the piece as a plain access.
                while (items.get(item) != first) {
                    out.append((TraceEvent) items.get(item++));
                }
                item++;
                direct(first.region, first.dir, first.cpu, first.addr, first.size, first.value, first.time);
                i++;
                continue;
            }
            long value = 0;
            long mask = first.size == 8 ? -1L : (1L << (8 * first.size)) - 1;
            for (int k = 0; k < n; k++) {
                value |= (pieces.get(i + k).value & mask) << (8 * first.size * k);
            }
            while (items.get(item) != first) {
                out.append((TraceEvent) items.get(item++));
            }
            out.append(new GuestAccess(0, first.time, first.cpu, first.region.spec.space(), first.dir, first.addr,
                    width, value, true));
            guestAccesses++;
            inferred++;
            Piece lastOfGroup = pieces.get(i + n - 1);
            for (int k = 0; k < n; k++) {
                Piece pc = pieces.get(i + k);
                while (items.get(item) != pc) {
                    out.append((TraceEvent) items.get(item++));
                }
                item++;
                out.append(new Dispatch(0, pc.time, 0, pc.region.id, pc.addr - pc.region.spec.base(), pc.size,
                        pc.value, DispatchOutcome.SPLIT_PART));
                if (pc == lastOfGroup) {
                    break;
                }
            }
            i += n;
        }
        while (item < items.size()) {
            out.append((TraceEvent) items.get(item++));
        }
    }

    private void direct(RegionInstance r, Direction dir, int cpu, long addr, int size, long value, long time)
            throws IOException {
        guestAccesses++;
        long guest = value;
        if (dir == Direction.READ && size < 8) {
            guest &= (1L << (8 * size)) - 1;
        }
        out.access(time, cpu, r.space, dir, addr, size, guest, false, r.id, value);
    }

    private static final class Piece {
        final RegionInstance region;
        final Direction dir;
        final int cpu;
        final long addr;
        final int size;
        final long value;
        final long time;

        Piece(RegionInstance region, Direction dir, int cpu, long addr, int size, long value, long time) {
            this.region = region;
            this.dir = dir;
            this.cpu = cpu;
            this.addr = addr;
            this.size = size;
            this.value = value;
            this.time = time;
        }
    }
}
