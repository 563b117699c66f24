package dev.vmtrace.trace.internal;

import static dev.vmtrace.trace.internal.ChunkCodec.*;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.CpuSync;
import dev.vmtrace.trace.CpuSyncKind;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.FwCfgFile;
import dev.vmtrace.trace.GpeEvent;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.SmiRaised;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one chunk payload into events, the inverse of {@link ChunkEncoder}. Input is untrusted
 * (the CRC only proves the bytes are what some writer wrote): every read is bounded and every
 * malformed byte becomes a {@link BadInputException} naming the chunk's location.
 */
public final class ChunkDecoder {
    private static final Space[] SPACES = Space.values();
    private static final DispatchOutcome[] OUTCOMES = DispatchOutcome.values();
    private static final HostEventKind[] HOST_KINDS = HostEventKind.values();

    private byte[] b;
    private int pos;
    private int end;
    private String source;
    private long location;
    private RegionTable regions;
    private long seq;
    private long endSeq;
    private long lastTime;
    private int lastVcpu;
    private Space lastSpace;
    private int lastRegion;
    private long[] regionAddr = new long[64];
    private long[] regionValue = new long[64];
    private int[] regionGen = new int[64];
    private int gen;
    private final List<String> names = new ArrayList<>();
    private final java.util.Map<String, byte[]> lastText = new java.util.HashMap<>();
    private Dispatch pending;
    private long skippedUnknown;
    /** Wire ids this decoder decodes; every other id is skipped by its length. */
    private final java.util.function.IntPredicate known;

    /** A decoder for every event type of this library. */
    public ChunkDecoder() {
        this(ChunkDecoder::isKnownWireId);
    }

    private ChunkDecoder(java.util.function.IntPredicate known) {
        this.known = known;
    }

    /**
     * A decoder that knows only the chunk event types with wire ids in {@code wireIds}, as a reader
     * written before the others existed: it skips the rest by their length, exactly as such a
     * reader does. For compatibility tests.
     */
    public static ChunkDecoder knowingOnly(java.util.Set<Integer> wireIds) {
        java.util.Set<Integer> ids = java.util.Set.copyOf(wireIds);
        return new ChunkDecoder(op -> isKnownWireId(op) && ids.contains(op));
    }

    /** Starts decoding {@code payload[0, len)}, a chunk stored at {@code location}. */
    public void reset(byte[] payload, int len, String source, long location, RegionTable regions)
            throws BadInputException {
        this.b = payload;
        this.end = len;
        this.source = source;
        this.location = location;
        this.regions = regions;
        if (len < CHUNK_PREFIX) {
            throw bad("chunk shorter than its " + CHUNK_PREFIX + "-byte prefix");
        }
        seq = Frames.getLongLE(b, 0);
        int count = Frames.getIntLE(b, 8);
        lastTime = Frames.getLongLE(b, 12);
        // Each byte of payload holds at most two events (a direct access is one op byte).
        if (count < 0 || count > 2L * (len - CHUNK_PREFIX) || seq < 0 || seq + count < 0) {
            throw bad("implausible chunk prefix: first seq " + seq + ", count " + count);
        }
        endSeq = seq + count;
        pos = CHUNK_PREFIX;
        lastVcpu = 0;
        lastSpace = Space.IO;
        lastRegion = 0;
        gen++;
        names.clear();
        lastText.clear();
        pending = null;
    }

    /** Sequence number of the chunk's first event. */
    public static long firstSeq(byte[] payload, int len) {
        return len < CHUNK_PREFIX ? -1 : Frames.getLongLE(payload, 0);
    }

    /** Event count from the chunk prefix. */
    public static int count(byte[] payload, int len) {
        return len < CHUNK_PREFIX ? 0 : Frames.getIntLE(payload, 8);
    }

    /** Sequence number the next event will have. */
    public long nextSeq() {
        return seq;
    }

    /** Events of unknown types skipped so far. */
    public long skippedUnknown() {
        return skippedUnknown;
    }

    public boolean hasNext() throws BadInputException {
        if (pending != null) {
            return true;
        }
        // Skip events of types this reader does not know, so hasNext never lies.
        while (pos < end) {
            int op = b[pos] & 0xff;
            if (op >= OP_ACCESS || known.test(op)) {
                return true;
            }
            pos++;
            int len = (int) readVarBounded(end - pos);
            pos += len;
            seq++;
            skippedUnknown++;
        }
        if (seq != endSeq) {
            throw bad("chunk ends at event " + seq + ", its prefix says it ends at " + endSeq);
        }
        return false;
    }

    private static boolean isKnownWireId(int op) {
        return (op >= 2 && op <= 7) || op == 9;
    }

    /** The next event; call {@link #hasNext()} first. */
    public TraceEvent next() throws BadInputException {
        if (pending != null) {
            Dispatch d = pending;
            pending = null;
            return d;
        }
        if (seq >= endSeq) {
            throw bad("chunk holds more events than its prefix says");
        }
        int op = b[pos++] & 0xff;
        if (op >= OP_ACCESS) {
            return access(op);
        }
        int len = (int) readVarBounded(end - pos);
        int stop = pos + len;
        TraceEvent e;
        switch (op) {
            case 2: e = dispatch(); break;
            case 3: e = host(); break;
            case 4: e = qemuTrace(); break;
            case 5: e = smi(); break;
            case 6: e = gpe(); break;
            case 7: e = fwCfg(); break;
            case 9: e = cpuSync(); break;
            default: throw bad("unknown event type " + op);
        }
        if (pos != stop) {
            throw bad("event of type " + op + " is " + (pos - (stop - len)) + " bytes, its length says " + len);
        }
        return e;
    }

    private GuestAccess access(int op) throws BadInputException {
        int ext = (op & OP_EXT) != 0 ? u8() : 0;
        if ((ext & EXT_RESERVED) != 0) {
            throw bad("reserved access flag set");
        }
        int vcpu = (ext & EXT_VCPU) != 0 ? (int) unzigzag(readVar()) : lastVcpu;
        Space space = lastSpace;
        if ((ext & EXT_SPACE) != 0) {
            int s = u8();
            if (s >= SPACES.length) {
                throw bad("unknown address space " + s);
            }
            space = SPACES[s];
        }
        long time = (ext & EXT_TIME) != 0 ? lastTime + unzigzag(readVar()) : lastTime;
        int size = 1 << ((op >>> OP_SIZE_SHIFT) & 3);
        if ((ext & EXT_ODD_SIZE) != 0) {
            size = u8();
            if (size < 1 || size > 8) {
                throw bad("access size " + size);
            }
        }
        int region = lastRegion;
        if ((op & OP_SAME_REGION) == 0) {
            long r = readVar();
            if (r < 0 || r > MAX_REGION_ID) {
                throw bad("region id " + r + " above the cap " + MAX_REGION_ID);
            }
            region = (int) r;
        }
        slot(region);
        long address = (op & OP_SAME_ADDR) != 0 ? regionAddr[region] : regionAddr[region] + unzigzag(readVar());
        long value = 0;
        if ((op & OP_VALUE_ZERO) == 0) {
            value = regionValue[region] + unzigzag(readVar());
            regionValue[region] = value;
        }
        boolean direct = (ext & EXT_NOT_DIRECT) == 0;
        long dispatchValue = (ext & EXT_DISPATCH_VALUE) != 0 ? readVar() : value;
        regionAddr[region] = address;
        lastRegion = region;
        lastVcpu = vcpu;
        lastTime = time;
        lastSpace = space;
        long s = seq++;
        Direction dir = (op & OP_WRITE) != 0 ? Direction.WRITE : Direction.READ;
        GuestAccess a = new GuestAccess(s, time, vcpu, space, dir, address, size, value, (ext & EXT_INFERRED) != 0);
        if (direct) {
            if (seq >= endSeq) {
                throw bad("direct access at the end of the chunk leaves no room for its dispatch");
            }
            long offset = address - regions.base(region);
            pending = new Dispatch(seq++, time, s, region, offset, size, dispatchValue, DispatchOutcome.DELIVERED);
        }
        return a;
    }

    private Dispatch dispatch() throws BadInputException {
        long time = time();
        long distance = readVar();
        long region = readVar();
        if (region < 0 || region > MAX_REGION_ID) {
            throw bad("region id " + region + " above the cap " + MAX_REGION_ID);
        }
        long offset = readVar();
        int size = u8();
        if (size < 1 || size > 8) {
            throw bad("dispatch size " + size);
        }
        long value = readVar();
        int outcome = u8();
        if (outcome >= OUTCOMES.length) {
            throw bad("unknown dispatch outcome " + outcome);
        }
        long s = seq++;
        if (distance < 1 || distance > s) {
            throw bad("dispatch refers to access " + distance + " events back");
        }
        return new Dispatch(s, time, s - distance, (int) region, offset, size, value, OUTCOMES[outcome]);
    }

    private HostEvent host() throws BadInputException {
        long time = time();
        int k = u8();
        if (k >= HOST_KINDS.length) {
            throw bad("unknown host event kind " + k);
        }
        return new HostEvent(seq++, time, HOST_KINDS[k], unzigzag(readVar()));
    }

    private QemuTraceEvent qemuTrace() throws BadInputException {
        long time = time();
        long ref = readVar();
        String name;
        if (ref == 0) {
            name = string();
            names.add(name);
        } else if (ref > 0 && ref <= names.size()) { // a varint can decode negative
            name = names.get((int) ref - 1);
        } else {
            throw bad("event name reference " + ref + " beyond the " + names.size() + " names defined");
        }
        long shared = readVar();
        byte[] prev = lastText.get(name);
        int prevLen = prev == null ? 0 : prev.length;
        if (shared < 0 || shared > prevLen) {
            throw bad("text shares " + shared + " bytes with a previous text of " + prevLen);
        }
        int n = (int) readVarBounded(end - pos);
        byte[] t = new byte[(int) shared + n];
        if (shared > 0) {
            System.arraycopy(prev, 0, t, 0, (int) shared);
        }
        System.arraycopy(b, pos, t, (int) shared, n);
        pos += n;
        lastText.put(name, t);
        return new QemuTraceEvent(seq++, time, name, new String(t, StandardCharsets.UTF_8));
    }

    private SmiRaised smi() throws BadInputException {
        long time = time();
        int vcpu = (int) unzigzag(readVar());
        int cmd = (int) unzigzag(readVar());
        return new SmiRaised(seq++, time, vcpu, cmd);
    }

    private GpeEvent gpe() throws BadInputException {
        long time = time();
        long bit = readVar();
        if (bit < 0 || bit > Integer.MAX_VALUE) {
            throw bad("GPE bit " + bit);
        }
        int raised = u8();
        if (raised > 1) {
            throw bad("GPE raised flag " + raised);
        }
        return new GpeEvent(seq++, time, (int) bit, raised == 1);
    }

    private FwCfgFile fwCfg() throws BadInputException {
        long time = time();
        int index = (int) unzigzag(readVar());
        String name = string();
        return new FwCfgFile(seq++, time, index, name, readVar());
    }

    private CpuSync cpuSync() throws BadInputException {
        // A delta from the chunk's time state that leaves it unchanged (readers skipping this type
        // must stay in step).
        long time = lastTime + unzigzag(readVar());
        long vcpu = readVar();
        if (vcpu < 0 || vcpu > CpuSync.MAX_VCPU) {
            throw bad("vCPU " + vcpu + " above the cap " + CpuSync.MAX_VCPU);
        }
        int k = u8();
        CpuSyncKind kind = CpuSyncKind.ofCode(k);
        if (kind == null) {
            throw bad("unknown CPU sync kind " + k);
        }
        long register = 0;
        long value = 0;
        if (kind.hasRegister()) {
            register = readVar();
            value = readVar();
        }
        return new CpuSync(seq++, time, (int) vcpu, kind, register, value);
    }

    private long time() throws BadInputException {
        lastTime += unzigzag(readVar());
        return lastTime;
    }

    private String string() throws BadInputException {
        int n = (int) readVarBounded(end - pos);
        String s = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private int u8() throws BadInputException {
        if (pos >= end) {
            throw bad("event cut off at the end of the chunk");
        }
        return b[pos++] & 0xff;
    }

    private long readVar() throws BadInputException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw bad("varint cut off at the end of the chunk");
            }
            int x = b[pos++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw bad("varint longer than 10 bytes");
    }

    private long readVarBounded(int max) throws BadInputException {
        long v = readVar();
        if (v < 0 || v > end - pos || v > max) {
            throw bad("length " + v + " runs past the end of the chunk");
        }
        return v;
    }

    private void slot(int region) {
        if (region >= regionGen.length) {
            int n = Math.max(region + 1, regionGen.length * 2);
            regionAddr = Arrays.copyOf(regionAddr, n);
            regionValue = Arrays.copyOf(regionValue, n);
            regionGen = Arrays.copyOf(regionGen, n);
        }
        if (regionGen[region] != gen) {
            regionGen[region] = gen;
            regionAddr[region] = 0;
            regionValue[region] = 0;
        }
    }

    private BadInputException bad(String problem) {
        return BadInputException.atOffset(source, location,
                "chunk at payload byte " + pos + ": " + problem);
    }
}
