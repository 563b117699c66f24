package dev.vmtrace.trace.qemu;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.FwCfgFile;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.ImportSummary;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports QEMU's {@code log} trace backend output ({@code -trace 'memory_region_ops_*' -D FILE}).
 * Access lines become guest accesses with their device-level dispatch; every other line is kept
 * as an opaque {@link QemuTraceEvent}. Region instances come from the {@code mr} pointers.
 * Pieces QEMU split (consecutive same-region pieces at ascending addresses that form a naturally
 * aligned wider access on a region whose impl max is smaller) are merged back into one
 * {@code inferred} guest access followed by its {@link DispatchOutcome#SPLIT_PART} dispatches.
 *
 * <p>Parsing works on bytes (no per-line strings) because boot logs run to hundreds of MB.
 */
public final class QemuLogImporter {
    private static final Pattern FW_CFG_FILE = Pattern.compile("\\S+ #(\\d+): (.*) \\((\\d+) bytes\\)");

    private final RegionRules rules;
    private final String machineType;
    private final String release;
    private final Map<Long, RegionState> byMr = new HashMap<>();
    private final Map<String, Integer> instancesByName = new HashMap<>();
    private final List<Piece> run = new ArrayList<>();
    private final List<Object> held = new ArrayList<>();
    private RegionState lastRegion;
    private TraceWriter out;
    private String source;
    private int nextRegionId = 1;
    private long accessLines;
    private long otherEvents;
    private long guestAccesses;
    private long inferred;
    private long lastTime;

    /** An importer using {@code rules} for a trace of {@code machineType} on {@code release}. */
    public QemuLogImporter(RegionRules rules, String machineType, String release) {
        this.rules = rules;
        this.machineType = machineType;
        this.release = release;
    }

    /** Reads {@code in} (named {@code source} in messages) to the end, writing events to {@code w}. */
    public ImportSummary importTo(InputStream in, String source, TraceWriter w) throws IOException, BadInputException {
        this.out = w;
        this.source = source;
        ExecutorService pool = null;
        Deque<Future<TokenBlock>> inflight = new ArrayDeque<>();
        try {
            byte[] carry = new byte[0];
            while (true) {
                byte[] blk = new byte[Math.max(BLOCK, carry.length * 2)];
                System.arraycopy(carry, 0, blk, 0, carry.length);
                int len = carry.length;
                boolean eof = false;
                while (len < blk.length) {
                    int n;
                    try {
                        n = in.read(blk, len, blk.length - len);
                    } catch (java.io.EOFException ex) {
                        n = -1; // compressed input cut short: what was decoded stands
                    } catch (java.util.zip.ZipException ex) {
                        drain(inflight);
                        throw BadInputException.atLine(source, lineNo + 1, "corrupt compressed input: " + ex.getMessage(), ex);
                    }
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    len += n;
                }
                if (eof) {
                    consumeOrSubmit(pool, inflight, blk, len, true);
                    break;
                }
                int nl = len - 1;
                while (nl >= 0 && blk[nl] != '\n') {
                    nl--;
                }
                if (nl < 0) {
                    if (len > MAX_LINE) {
                        drain(inflight);
                        throw BadInputException.atLine(source, lineNo + 1, "line longer than the "
                                + MAX_LINE + "-byte cap");
                    }
                    carry = java.util.Arrays.copyOf(blk, len);
                    continue;
                }
                carry = java.util.Arrays.copyOfRange(blk, nl + 1, len);
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(2, r -> {
                        Thread t = new Thread(r, "vmtrace-log-tokenizer");
                        t.setDaemon(true);
                        return t;
                    });
                }
                consumeOrSubmit(pool, inflight, blk, nl + 1, false);
            }
            drain(inflight);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        flushRun();
        return new ImportSummary(lineNo - (truncated ? 1 : 0), accessLines, otherEvents, guestAccesses,
                inferred, nextRegionId - 1, truncated, w.nextSeq());
    }

    /** Longest line accepted (documented cap: 1 MiB). */
    public static final int MAX_LINE = 1 << 20;

    /** Blocks of 4 MiB: big enough to amortise hand-over, small enough to keep a few in flight. */
    private static final int BLOCK = 4 << 20;
    private static final int IN_FLIGHT = 3;

    private long lineNo;
    private boolean truncated;

    private void consumeOrSubmit(ExecutorService pool, Deque<Future<TokenBlock>> inflight, byte[] blk, int len,
                                 boolean last) throws IOException, BadInputException {
        if (pool == null) {
            consume(LogTokenizer.tokenize(blk, 0, len, last));
            return;
        }
        inflight.add(pool.submit(() -> LogTokenizer.tokenize(blk, 0, len, last)));
        while (inflight.size() > (last ? 0 : IN_FLIGHT)) {
            consume(take(inflight));
        }
    }

    private void drain(Deque<Future<TokenBlock>> inflight) throws IOException, BadInputException {
        while (!inflight.isEmpty()) {
            consume(take(inflight));
        }
    }

    private static TokenBlock take(Deque<Future<TokenBlock>> inflight) throws IOException {
        try {
            return inflight.poll().get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while importing", ex);
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IllegalStateException("log tokenizer failed", c);
        }
    }

    /** Writes the events of one tokenized block, in order. */
    private void consume(TokenBlock t) throws IOException, BadInputException {
        byte[] b = t.buf;
        for (int i = 0; i < t.count; i++) {
            lineNo++;
            if (t.time[i] != TokenBlock.NO_TIME) {
                lastTime = t.time[i];
            }
            long time = lastTime;
            byte k = t.kind[i];
            if (k == TokenBlock.READ || k == TokenBlock.WRITE) {
                Direction dir = k == TokenBlock.READ ? Direction.READ : Direction.WRITE;
                RegionState r = region(t.mr[i], b, t.nameStart[i], t.nameEnd[i], t.addr[i]);
                accessLines++;
                int size = t.size[i];
                if (run.isEmpty() && !canStartRun(r, size)) {
                    direct(r, dir, t.cpu[i], t.addr[i], size, t.value[i], time);
                } else {
                    piece(new Piece(r, dir, t.cpu[i], t.addr[i], size, t.value[i], time));
                }
            } else if (k == TokenBlock.OTHER) {
                String name = new String(b, t.nameStart[i], t.nameEnd[i] - t.nameStart[i], StandardCharsets.UTF_8);
                String text = new String(b, t.textStart[i], t.textEnd[i] - t.textStart[i], StandardCharsets.UTF_8);
                other(name, text, time);
            } else if (k == TokenBlock.TRUNCATED) {
                truncated = true;
            } else if (k == TokenBlock.ERROR) {
                throw BadInputException.atLine(source, lineNo, t.error);
            }
        }
    }

    private void other(String name, String text, long time) throws IOException {
        other(new QemuTraceEvent(0, time, name, text));
        if (name.equals("fw_cfg_add_file")) {
            Matcher m = FW_CFG_FILE.matcher(text);
            if (m.matches()) {
                try {
                    other(new FwCfgFile(0, time, Integer.parseInt(m.group(1)), m.group(2),
                            Long.parseLong(m.group(3))));
                } catch (NumberFormatException ex) {
                    // Out-of-range numbers: the opaque event above still carries the line.
                }
            }
        }
    }

    private RegionState region(long mr, byte[] b, int nameStart, int nameEnd, long addr) throws IOException {
        RegionState r = lastRegion;
        if (r == null || r.mr != mr) {
            r = byMr.get(mr);
        }
        if (r == null || !r.sameName(b, nameStart, nameEnd)) {
            String name = new String(b, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
            int ordinal = instancesByName.merge(name, 1, Integer::sum) - 1;
            RegionSpec spec = rules.lookup(machineType, release, name, ordinal);
            if (spec == null) {
                // Unknown region: guess the space from the address; placement unknown (offsets absolute).
                spec = new RegionSpec(addr <= 0xffff ? Space.IO : Space.MEMORY, 0, 0, null);
            }
            r = new RegionState(nextRegionId++, name, mr, spec);
            flushRun();
            out.append(new RegionDefined(0, lastTime, r.id, name, spec.space(), spec.base(), spec.size(),
                    spec.rules(), mr));
            byMr.put(mr, r);
        }
        lastRegion = r;
        return r;
    }

    private void other(Object event) throws IOException {
        otherEvents++;
        if (run.isEmpty()) {
            out.append((dev.vmtrace.trace.TraceEvent) event);
        } else {
            held.add(event);
        }
    }

    // ---- reconstruction ----------------------------------------------------------------------

    private void piece(Piece x) throws IOException {
        if (!run.isEmpty()) {
            Piece first = run.get(0);
            Piece last = run.get(run.size() - 1);
            boolean joins = x.region == first.region && x.dir == first.dir && x.cpu == first.cpu
                    && x.size == first.size && x.addr == last.addr + last.size
                    && (run.size() + 1) * first.size <= maxWidth(first.region);
            if (joins) {
                run.add(x);
                held.add(x);
                return;
            }
            flushRun();
        }
        if (canStartRun(x.region, x.size)) {
            run.add(x);
            held.add(x);
            return;
        }
        direct(x.region, x.dir, x.cpu, x.addr, x.size, x.value, x.time);
    }

    /** Only pieces of exactly the impl max of a region that allows wider guest accesses can be parts. */
    private static boolean canStartRun(RegionState r, int size) {
        return r.splittable && size == r.spec.rules().implMax();
    }

    private static int maxWidth(RegionState r) {
        RegionSpec s = r.spec;
        int cap = s.space() == Space.IO ? 4 : 8;
        int valid = s.rules() == null || s.rules().validMax() == 0 ? cap : Math.min(cap, s.rules().validMax());
        return valid;
    }

    private void flushRun() throws IOException {
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
            for (int w = maxWidth(first.region); w > first.size; w >>= 1) {
                if (first.addr % w == 0 && i + w / first.size <= pieces.size()) {
                    width = w;
                    break;
                }
            }
            int n = width == 0 ? 1 : width / first.size;
            if (n == 1) {
                // Emit held opaque events up to this piece, then the piece as a plain access.
                while (items.get(item) != first) {
                    out.append((dev.vmtrace.trace.TraceEvent) items.get(item++));
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
                out.append((dev.vmtrace.trace.TraceEvent) items.get(item++));
            }
            out.append(new GuestAccess(0, first.time, first.cpu, first.region.spec.space(), first.dir, first.addr,
                    width, value, true));
            guestAccesses++;
            inferred++;
            Piece lastOfGroup = pieces.get(i + n - 1);
            for (int k = 0; k < n; k++) {
                Piece pc = pieces.get(i + k);
                while (items.get(item) != pc) {
                    out.append((dev.vmtrace.trace.TraceEvent) items.get(item++));
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
            out.append((dev.vmtrace.trace.TraceEvent) items.get(item++));
        }
    }

    private void direct(RegionState r, Direction dir, int cpu, long addr, int size, long value, long time)
            throws IOException {
        guestAccesses++;
        long guest = value;
        if (dir == Direction.READ && size < 8) {
            guest &= (1L << (8 * size)) - 1;
        }
        out.access(time, cpu, r.space, dir, addr, size, guest, false, r.id, value);
    }

    // ---- state -------------------------------------------------------------------------------

    private static final class RegionState {
        final int id;
        final byte[] name;
        final long mr;
        final RegionSpec spec;
        final Space space;
        /** Its rules let a guest access be wider than one piece. */
        final boolean splittable;

        RegionState(int id, String name, long mr, RegionSpec spec) {
            this.id = id;
            this.name = name.getBytes(StandardCharsets.UTF_8);
            this.mr = mr;
            this.spec = spec;
            this.space = spec.space();
            this.splittable = spec.rules() != null && maxWidth(this) > spec.rules().implMax();
        }

        boolean sameName(byte[] a, int s, int end) {
            if (end - s != name.length) {
                return false;
            }
            for (int i = 0; i < name.length; i++) {
                if (a[s + i] != name[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Piece {
        final RegionState region;
        final Direction dir;
        final int cpu;
        final long addr;
        final int size;
        final long value;
        final long time;

        Piece(RegionState region, Direction dir, int cpu, long addr, int size, long value, long time) {
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
