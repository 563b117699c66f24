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
import java.util.ArrayList;
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
    private static final byte[] READ = "memory_region_ops_read".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRITE = "memory_region_ops_write".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READ_SP = "memory_region_ops_read ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRITE_SP = "memory_region_ops_write ".getBytes(StandardCharsets.US_ASCII);
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
    private LineSource lines;
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
        this.lines = new LineSource(in, source);
        boolean truncated = false;
        while (true) {
            if (fastAccessLine()) {
                continue;
            }
            if (!lines.next()) {
                break;
            }
            if (lines.unterminated()) {
                // The last line of a killed run may be cut anywhere: keep it only if it is a
                // complete access line.
                if (!isAccessLine()) {
                    truncated = true;
                    break;
                }
                try {
                    line();
                } catch (BadInputException ex) {
                    truncated = true;
                }
                break;
            }
            line();
        }
        flushRun();
        return new ImportSummary(lines.lineNo() - (truncated ? 1 : 0), accessLines, otherEvents, guestAccesses,
                inferred, nextRegionId - 1, truncated, w.nextSeq());
    }

    // ---- line parsing ------------------------------------------------------------------------

    private byte[] b;
    private int p;
    private int e;

    private void line() throws IOException, BadInputException {
        b = lines.buf();
        p = lines.start();
        e = lines.end();
        if (p == e) {
            return;
        }
        long time = lastTime;
        if (b[p] >= '0' && b[p] <= '9' && hasTimestamp()) {
            time = timestamp();
            lastTime = time;
        }
        int nameStart = p;
        while (p < e && b[p] != ' ') {
            p++;
        }
        int nameEnd = p;
        if (p < e) {
            p++;
        }
        boolean read = is(READ, nameStart, nameEnd);
        if (read || is(WRITE, nameStart, nameEnd)) {
            access(read ? Direction.READ : Direction.WRITE, time);
        } else {
            String name = new String(b, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
            String text = new String(b, p, e - p, StandardCharsets.UTF_8);
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
    }

    private boolean isAccessLine() {
        b = lines.buf();
        p = lines.start();
        e = lines.end();
        if (p < e && b[p] >= '0' && b[p] <= '9' && hasTimestamp()) {
            while (p < e && b[p] != ':') {
                p++;
            }
            p++;
        }
        int s = p;
        while (p < e && b[p] != ' ') {
            p++;
        }
        return is(READ, s, p) || is(WRITE, s, p);
    }

    private boolean hasTimestamp() {
        for (int i = p; i < e && i < p + 24; i++) {
            if (b[i] == '@') {
                return true;
            }
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return false;
    }

    /** {@code <tid>@<sec>.<usec>:} as nanoseconds. */
    private long timestamp() throws BadInputException {
        decimal("thread id");
        expect('@');
        long sec = decimal("seconds");
        expect('.');
        long usec = decimal("microseconds");
        expect(':');
        if (sec > 9_000_000_000L) {
            throw bad("timestamp seconds out of range");
        }
        return (sec * 1_000_000 + usec) * 1000;
    }

    private boolean is(byte[] word, int s, int end) {
        if (end - s != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[s + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The common case without a separate newline scan: a plain (untimestamped) access line parsed
     * in place, its end found after the region name. False (nothing consumed) for anything else,
     * which then takes the general path.
     */
    private boolean fastAccessLine() throws IOException, BadInputException {
        int avail = lines.peek(512);
        b = lines.buf();
        p = lines.pos();
        e = p + avail;
        if (avail < 64 || b[p] != 'm' || b[p + 17] != '_') {
            return false;
        }
        Direction dir;
        if (java.util.Arrays.equals(b, p, p + READ.length + 1, READ_SP, 0, READ_SP.length)) {
            dir = Direction.READ;
            p += READ_SP.length;
        } else if (java.util.Arrays.equals(b, p, p + WRITE.length + 1, WRITE_SP, 0, WRITE_SP.length)) {
            dir = Direction.WRITE;
            p += WRITE_SP.length;
        } else {
            return false;
        }
        try {
            fields();
        } catch (BadInputException ex) {
            return false;
        }
        int nameStart = p;
        while (p < e && b[p] != '\n') {
            p++;
        }
        int nl = p;
        if (nl >= e || nl - 1 <= nameStart || b[nl - 1] != '\'') {
            return false;
        }
        lines.accept(nl);
        emit(dir, lastTime, nameStart, nl - 1);
        return true;
    }

    private int fCpu;
    private long fMr;
    private long fAddr;
    private long fValue;
    private int fSize;

    /** Parses the fields of an access line up to and including {@code name '}. */
    private void fields() throws BadInputException {
        keyword(K_CPU, "cpu");
        fCpu = (int) signedDecimal();
        keyword(K_MR, "mr 0x");
        fMr = hex("mr");
        keyword(K_ADDR, "addr 0x");
        fAddr = hex("addr");
        keyword(K_VALUE, "value 0x");
        fValue = hex("value");
        keyword(K_SIZE, "size");
        long size = decimal("size");
        if (size < 1 || size > 8) {
            throw bad("access size " + size + " is not 1..8");
        }
        fSize = (int) size;
        keyword(K_NAME, "name '");
    }

    private void emit(Direction dir, long time, int nameStart, int nameEnd) throws IOException {
        RegionState r = region(fMr, nameStart, nameEnd, fAddr);
        accessLines++;
        if (run.isEmpty() && !canStartRun(r, fSize)) {
            direct(r, dir, fCpu, fAddr, fSize, fValue, time);
        } else {
            piece(new Piece(r, dir, fCpu, fAddr, fSize, fValue, time));
        }
    }

    private void access(Direction dir, long time) throws IOException, BadInputException {
        fields();
        if (e - p < 1 || b[e - 1] != '\'') {
            throw bad("region name does not end with a quote");
        }
        emit(dir, time, p, e - 1);
    }

    private RegionState region(long mr, int nameStart, int nameEnd, long addr) throws IOException {
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

    // ---- tokens ------------------------------------------------------------------------------

    private static final byte[] K_CPU = "cpu ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_MR = " mr 0x".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_ADDR = " addr 0x".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_VALUE = " value 0x".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_SIZE = " size ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_NAME = " name '".getBytes(StandardCharsets.US_ASCII);

    private void keyword(byte[] k, String what) throws BadInputException {
        int n = k.length;
        if (e - p < n) {
            throw bad("expected '" + what + "'");
        }
        byte[] a = b;
        int q = p;
        for (int i = 0; i < n; i++) {
            if (a[q + i] != k[i]) {
                throw bad("expected '" + what + "'");
            }
        }
        p = q + n;
    }

    private void expect(char c) throws BadInputException {
        if (p >= e || b[p] != c) {
            throw bad("expected '" + c + "'");
        }
        p++;
    }

    private long hex(String what) throws BadInputException {
        int s = p;
        long v = 0;
        while (p < e) {
            int c = b[p];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                break;
            }
            v = v << 4 | d;
            p++;
        }
        if (p == s || p - s > 16) {
            throw bad("expected a hex " + what + " of 1 to 16 digits");
        }
        return v;
    }

    private long decimal(String what) throws BadInputException {
        int s = p;
        long v = 0;
        while (p < e && b[p] >= '0' && b[p] <= '9') {
            v = v * 10 + (b[p] - '0');
            p++;
        }
        if (p == s || p - s > 18) {
            throw bad("expected a decimal " + what);
        }
        return v;
    }

    private long signedDecimal() throws BadInputException {
        boolean neg = p < e && b[p] == '-';
        if (neg) {
            p++;
        }
        long v = decimal("cpu index");
        if (v > Integer.MAX_VALUE) {
            throw bad("cpu index out of range");
        }
        return neg ? -v : v;
    }

    private BadInputException bad(String problem) {
        return BadInputException.atLine(source, lines.lineNo(), problem + " at column " + (p - lines.start() + 1));
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
