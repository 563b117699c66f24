package dev.vmtrace.trace.internal;

import static dev.vmtrace.trace.internal.ChunkCodec.*;

import dev.vmtrace.trace.CpuSyncKind;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.EventType;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.Space;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes events into one chunk payload. All delta state (previous region, per-region last address
 * and value, vCPU, space, time, the string dictionary) restarts with each chunk, so every chunk
 * decodes on its own: a reader can seek to it, and losing one to corruption loses nothing else.
 * Not thread-safe.
 */
public final class ChunkEncoder {
    private byte[] buf = new byte[1 << 14];
    private int pos;
    private int count;
    private long firstSeq;
    private long baseTime;
    private long lastTime;
    private int lastVcpu;
    private Space lastSpace;
    private int lastRegion;
    private long[] regionAddr = new long[64];
    private long[] regionValue = new long[64];
    private int[] regionGen = new int[64];
    private int gen;
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<String, byte[]> lastText = new HashMap<>();
    private final byte[] scratch = new byte[64];

    /** Starts a new chunk whose first event has sequence {@code seq} and time {@code time}. */
    public void begin(long seq, long time) {
        pos = CHUNK_PREFIX;
        count = 0;
        firstSeq = seq;
        baseTime = time;
        lastTime = time;
        lastVcpu = 0;
        lastSpace = Space.IO;
        lastRegion = 0;
        gen++;
        names.clear();
        lastText.clear();
    }

    /** Events in the current chunk. */
    public int count() {
        return count;
    }

    /** Bytes in the current chunk so far, prefix included. */
    public int size() {
        return pos;
    }

    /** Finishes the chunk prefix; the payload is {@link #buffer()}{@code [0, size())}. */
    public void finish() {
        Frames.putLongLE(buf, 0, firstSeq);
        Frames.putIntLE(buf, 8, count);
        Frames.putLongLE(buf, 12, baseTime);
    }

    public byte[] buffer() {
        return buf;
    }

    /** Sequence number of the chunk's first event. */
    public long firstSeq() {
        return firstSeq;
    }

    /**
     * A guest access. When {@code direct}, it stands also for its one delivered dispatch to
     * {@code region} (the event after it), whose value is {@code dispatchValue}.
     */
    public void access(long time, int vcpu, Space space, Direction dir, long address, int size, long value,
                       boolean inferred, int region, boolean direct, long dispatchValue) {
        ensure(64);
        int sc = sizeCode(size);
        int op = OP_ACCESS | (dir == Direction.WRITE ? OP_WRITE : 0) | (Math.max(sc, 0) << OP_SIZE_SHIFT);
        int ext = 0;
        if (vcpu != lastVcpu) {
            ext |= EXT_VCPU;
        }
        if (time != lastTime) {
            ext |= EXT_TIME;
        }
        if (inferred) {
            ext |= EXT_INFERRED;
        }
        if (!direct) {
            ext |= EXT_NOT_DIRECT;
        } else if (dispatchValue != value) {
            ext |= EXT_DISPATCH_VALUE;
        }
        if (space != lastSpace) {
            ext |= EXT_SPACE;
        }
        if (sc < 0) {
            ext |= EXT_ODD_SIZE;
        }
        if (region == lastRegion) {
            op |= OP_SAME_REGION;
        }
        slot(region);
        if (address == regionAddr[region]) {
            op |= OP_SAME_ADDR;
        }
        if (value == 0) {
            op |= OP_VALUE_ZERO;
        }
        if (ext != 0) {
            op |= OP_EXT;
        }
        byte[] b = buf;
        int p = pos;
        b[p++] = (byte) op;
        if (ext != 0) {
            b[p++] = (byte) ext;
            if ((ext & EXT_VCPU) != 0) {
                p = putVar(b, p, zigzag(vcpu));
            }
            if ((ext & EXT_SPACE) != 0) {
                b[p++] = (byte) space.ordinal();
            }
            if ((ext & EXT_TIME) != 0) {
                p = putVar(b, p, zigzag(time - lastTime));
            }
            if ((ext & EXT_ODD_SIZE) != 0) {
                b[p++] = (byte) size;
            }
        }
        if ((op & OP_SAME_REGION) == 0) {
            p = putVar(b, p, region);
        }
        if ((op & OP_SAME_ADDR) == 0) {
            p = putVar(b, p, zigzag(address - regionAddr[region]));
        }
        if (value != 0) {
            p = putVar(b, p, zigzag(value - regionValue[region]));
            regionValue[region] = value;
        }
        if ((ext & EXT_DISPATCH_VALUE) != 0) {
            p = putVar(b, p, dispatchValue);
        }
        pos = p;
        regionAddr[region] = address;
        lastRegion = region;
        lastVcpu = vcpu;
        lastTime = time;
        lastSpace = space;
        count += direct ? 2 : 1;
    }

    /** A dispatch not folded into its access ({@code accessDistance = seq - accessSeq}). */
    public void dispatch(long time, long accessDistance, int region, long offset, int size, long value,
                         DispatchOutcome outcome) {
        int p = 0;
        byte[] s = scratch;
        p = putVar(s, p, zigzag(time - lastTime));
        p = putVar(s, p, accessDistance);
        p = putVar(s, p, region);
        p = putVar(s, p, offset);
        s[p++] = (byte) size;
        p = putVar(s, p, value);
        s[p++] = (byte) outcome.ordinal();
        generic(EventType.DISPATCH, s, p, time);
    }

    public void host(long time, HostEventKind kind, long argument) {
        int p = putVar(scratch, 0, zigzag(time - lastTime));
        scratch[p++] = (byte) kind.ordinal();
        p = putVar(scratch, p, zigzag(argument));
        generic(EventType.HOST_EVENT, scratch, p, time);
    }

    public void smi(long time, int vcpu, int command) {
        int p = putVar(scratch, 0, zigzag(time - lastTime));
        p = putVar(scratch, p, zigzag(vcpu));
        p = putVar(scratch, p, zigzag(command));
        generic(EventType.SMI_RAISED, scratch, p, time);
    }

    public void gpe(long time, int bit, boolean raised) {
        int p = putVar(scratch, 0, zigzag(time - lastTime));
        p = putVar(scratch, p, bit);
        scratch[p++] = (byte) (raised ? 1 : 0);
        generic(EventType.GPE, scratch, p, time);
    }

    public void fwCfgFile(long time, int index, String name, long size) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] s = new byte[32 + n.length];
        int p = putVar(s, 0, zigzag(time - lastTime));
        p = putVar(s, p, zigzag(index));
        p = putVar(s, p, n.length);
        System.arraycopy(n, 0, s, p, n.length);
        p += n.length;
        p = putVar(s, p, size);
        generic(EventType.FW_CFG_FILE, s, p, time);
    }

    /**
     * An ARM vCPU sync step; register and value are written only for the kinds that have them. Its
     * time is a delta from the chunk's time state, which it leaves unchanged: a reader from before
     * this type skips it by its length and still decodes the times after it right.
     */
    public void cpuSync(long time, int vcpu, CpuSyncKind kind, long register, long value) {
        int p = putVar(scratch, 0, zigzag(time - lastTime));
        p = putVar(scratch, p, vcpu);
        scratch[p++] = (byte) kind.code();
        if (kind.hasRegister()) {
            p = putVar(scratch, p, register);
            p = putVar(scratch, p, value);
        }
        long keep = lastTime;
        generic(EventType.CPU_SYNC, scratch, p, time);
        lastTime = keep;
    }

    public void qemuTrace(long time, String name, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        Integer ref = names.get(name);
        byte[] n = ref == null ? name.getBytes(StandardCharsets.UTF_8) : null;
        byte[] s = new byte[40 + t.length + (n == null ? 0 : n.length)];
        int p = putVar(s, 0, zigzag(time - lastTime));
        if (ref != null) {
            p = putVar(s, p, ref + 1);
        } else {
            s[p++] = 0;
            p = putVar(s, p, n.length);
            System.arraycopy(n, 0, s, p, n.length);
            p += n.length;
            names.put(name, names.size());
        }
        // Texts of one event name share long prefixes (device pointers, field names): store the
        // length shared with the previous text of this name in the chunk, then the rest.
        byte[] prev = lastText.put(name, t);
        int shared = 0;
        if (prev != null) {
            int max = Math.min(prev.length, t.length);
            while (shared < max && prev[shared] == t[shared]) {
                shared++;
            }
            // Never split a UTF-8 sequence: back up to a character start.
            while (shared > 0 && shared < t.length && (t[shared] & 0xc0) == 0x80) {
                shared--;
            }
        }
        p = putVar(s, p, shared);
        p = putVar(s, p, t.length - shared);
        System.arraycopy(t, shared, s, p, t.length - shared);
        p += t.length - shared;
        generic(EventType.QEMU_TRACE, s, p, time);
    }

    private void generic(EventType type, byte[] payload, int len, long time) {
        ensure(len + 8);
        buf[pos++] = (byte) type.wireId();
        pos = putVar(buf, pos, len);
        System.arraycopy(payload, 0, buf, pos, len);
        pos += len;
        lastTime = time;
        count++;
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

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /** Unsigned LEB128. */
    static int putVar(byte[] b, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }
}
