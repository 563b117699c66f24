package dev.vmtrace.trace.qemu;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.FwCfgFile;
import dev.vmtrace.trace.ImportSummary;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private final Map<Long, RegionInstance> byMr = new HashMap<>();
    private final Map<String, Integer> instancesByName = new HashMap<>();
    private SplitReconstructor recon;
    private RegionInstance lastRegion;
    private TraceWriter out;
    private String source;
    private int nextRegionId = 1;
    private long accessLines;
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
        this.recon = new SplitReconstructor(w);
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
        recon.flush();
        return new ImportSummary(lineNo - (truncated ? 1 : 0), accessLines, recon.otherEvents, recon.guestAccesses,
                recon.inferred, nextRegionId - 1, truncated, w.nextSeq());
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
                RegionInstance r = region(t.mr[i], b, t.nameStart[i], t.nameEnd[i], t.addr[i]);
                accessLines++;
                recon.access(r, dir, t.cpu[i], t.addr[i], t.size[i], t.value[i], time);
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
        recon.other(new QemuTraceEvent(0, time, name, text));
        if (name.equals("fw_cfg_add_file")) {
            Matcher m = FW_CFG_FILE.matcher(text);
            if (m.matches()) {
                try {
                    recon.other(new FwCfgFile(0, time, Integer.parseInt(m.group(1)), m.group(2),
                            Long.parseLong(m.group(3))));
                } catch (NumberFormatException ex) {
                    // Out-of-range numbers: the opaque event above still carries the line.
                }
            }
        }
    }

    private RegionInstance region(long mr, byte[] b, int nameStart, int nameEnd, long addr) throws IOException {
        RegionInstance r = lastRegion;
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
            r = new RegionInstance(nextRegionId++, name, mr, spec);
            recon.flush();
            out.append(new RegionDefined(0, lastTime, r.id, name, spec.space(), spec.base(), spec.size(),
                    spec.rules(), mr));
            byMr.put(mr, r);
        }
        lastRegion = r;
        return r;
    }
}
