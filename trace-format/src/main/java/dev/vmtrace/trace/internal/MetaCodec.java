package dev.vmtrace.trace.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.AccessRules;
import dev.vmtrace.trace.EventType;
import dev.vmtrace.trace.ImmutableBytes;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.StateSnapshot;
import dev.vmtrace.trace.TraceHeader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kryo encoding of the structured metadata frames (header, region, snapshot, trailer). Classes are
 * registered with fixed ids, so the bytes never depend on registration order; each class has a
 * hand-written serializer whose reads are bounded by the frame (a crafted length cannot make it
 * allocate more than the frame holds). Kryo instances are not thread-safe: one per thread.
 */
public final class MetaCodec {
    /** Fixed Kryo registration ids (documented in docs/trace-format.md). */
    public static final int ID_HEADER = 20;
    public static final int ID_REGION = 21;
    public static final int ID_SNAPSHOT = 22;
    public static final int ID_TRAILER = 23;
    public static final int ID_INDEX = 24;
    /** Largest count of map entries or type-table entries accepted. */
    public static final int MAX_ENTRIES = 4096;

    private static final ThreadLocal<Kryo> KRYO = ThreadLocal.withInitial(MetaCodec::newKryo);

    private MetaCodec() {
    }

    private static Kryo newKryo() {
        Kryo k = new Kryo();
        k.setRegistrationRequired(true);
        k.setReferences(false);
        k.register(TraceHeader.class, new HeaderSerializer(), ID_HEADER);
        k.register(RegionDefined.class, new RegionSerializer(), ID_REGION);
        k.register(StateSnapshot.class, new SnapshotSerializer(), ID_SNAPSHOT);
        k.register(Trailer.class, new TrailerSerializer(), ID_TRAILER);
        k.register(TraceIndex.class, new IndexSerializer(), ID_INDEX);
        return k;
    }

    /** Header frame payload: the header, then the event-type table. */
    public static byte[] encodeHeader(TraceHeader header) {
        Output out = new Output(256, Frames.MAX_PAYLOAD);
        KRYO.get().writeClassAndObject(out, header);
        EventType[] types = EventType.values();
        out.writeVarInt(types.length, true);
        for (EventType t : types) {
            out.writeVarInt(t.wireId(), true);
            writeString(out, t.name());
        }
        return out.toBytes();
    }

    /** Decodes a header frame; the event-type table is returned in {@code typesOut} (wire id to name). */
    public static TraceHeader decodeHeader(Frame f, String source, Map<Integer, String> typesOut)
            throws BadInputException {
        try {
            Input in = new Input(f.payload(), 0, f.length());
            TraceHeader h = (TraceHeader) expect(in, TraceHeader.class, f, source);
            int n = boundedCount(in);
            for (int i = 0; i < n; i++) {
                typesOut.put(in.readVarInt(true), readString(in));
            }
            return h;
        } catch (KryoException | IllegalArgumentException | ClassCastException e) {
            throw BadInputException.atOffset(source, f.location(), "bad header frame: " + e.getMessage(), e);
        }
    }

    /** Encodes one metadata object (region, snapshot or trailer). */
    public static byte[] encode(Object o) {
        Output out = new Output(256, Frames.MAX_PAYLOAD);
        KRYO.get().writeClassAndObject(out, o);
        return out.toBytes();
    }

    /**
     * Index frame payload: the index (Kryo), then its own payload length as a u32 LE footer, so a
     * reader finds the frame from the trailer's position without scanning back.
     */
    public static byte[] encodeIndex(TraceIndex index) {
        Output out = new Output(256, Frames.MAX_PAYLOAD);
        KRYO.get().writeClassAndObject(out, index);
        int len = out.position() + 4;
        byte[] footer = new byte[4];
        Frames.putIntLE(footer, 0, len);
        out.writeBytes(footer);
        return out.toBytes();
    }

    /** Decodes an index frame (footer checked, every count and delta bounded). */
    public static TraceIndex decodeIndex(Frame f, String source) throws BadInputException {
        int n = f.length();
        if (n < 5 || Frames.getIntLE(f.payload(), n - 4) != n) {
            throw BadInputException.atOffset(source, f.location(), "bad VTIX frame: length footer does not match");
        }
        return decode(new Frame(f.kind(), f.location(), f.payload(), n - 4), TraceIndex.class, source);
    }

    /** Decodes a metadata frame, which must hold a {@code type}. */
    public static <T> T decode(Frame f, Class<T> type, String source) throws BadInputException {
        try {
            Input in = new Input(f.payload(), 0, f.length());
            T t = type.cast(expect(in, type, f, source));
            if (in.position() != f.length()) {
                throw BadInputException.atOffset(source, f.location(),
                        "metadata frame has " + (f.length() - in.position()) + " trailing bytes");
            }
            return t;
        } catch (KryoException | IllegalArgumentException | ClassCastException e) {
            throw BadInputException.atOffset(source, f.location(),
                    "bad " + Frames.kindName(f.kind()) + " frame: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the class id Kryo's {@code writeClassAndObject} wrote (registration id + 2) and only
     * then the object, with our bounded serializer. Kryo's own {@code readClassAndObject} would
     * accept any registered class, including its default String serializer, which allocates
     * whatever length a crafted frame claims.
     */
    private static Object expect(Input in, Class<?> type, Frame f, String source) throws BadInputException {
        Kryo kryo = KRYO.get();
        int expected = kryo.getRegistration(type).getId() + 2;
        int id = in.readVarInt(true);
        if (id != expected) {
            throw BadInputException.atOffset(source, f.location(), Frames.kindName(f.kind())
                    + " frame holds Kryo class id " + (id - 2) + ", expected " + (expected - 2) + " ("
                    + type.getSimpleName() + ")");
        }
        return kryo.readObject(in, type);
    }

    static void writeString(Output out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(b.length, true);
        out.writeBytes(b);
    }

    static String readString(Input in) {
        int n = in.readVarInt(true);
        if (n < 0 || n > in.limit() - in.position()) {
            throw new KryoException("string length " + n + " runs past the end of the frame");
        }
        return new String(in.readBytes(n), StandardCharsets.UTF_8);
    }

    static int boundedCount(Input in) {
        int n = in.readVarInt(true);
        if (n < 0 || n > MAX_ENTRIES || n > in.limit() - in.position()) {
            throw new KryoException("entry count " + n + " above the cap or the frame");
        }
        return n;
    }

    private static final class HeaderSerializer extends Serializer<TraceHeader> {
        @Override
        public void write(Kryo kryo, Output out, TraceHeader h) {
            out.writeVarInt(h.formatVersion(), true);
            writeString(out, h.creator());
            writeString(out, h.machineType());
            writeString(out, h.release());
            writeString(out, h.accelerator());
            out.writeVarInt(h.cpuCount(), true);
            out.writeVarInt(h.options().size(), true);
            for (Map.Entry<String, String> e : h.options().entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.writeBoolean(h.complete());
        }

        @Override
        public TraceHeader read(Kryo kryo, Input in, Class<? extends TraceHeader> type) {
            int version = in.readVarInt(true);
            String creator = readString(in);
            String machine = readString(in);
            String release = readString(in);
            String accel = readString(in);
            int cpus = in.readVarInt(true);
            int n = boundedCount(in);
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                options.put(readString(in), readString(in));
            }
            boolean complete = in.readBoolean();
            return new TraceHeader(version, creator, machine, release, accel, cpus, options, complete);
        }
    }

    private static final class RegionSerializer extends Serializer<RegionDefined> {
        @Override
        public void write(Kryo kryo, Output out, RegionDefined r) {
            out.writeVarLong(r.seq(), true);
            out.writeVarLong(r.time(), false);
            out.writeVarInt(r.id(), true);
            writeString(out, r.name());
            out.writeByte(r.space().ordinal());
            out.writeVarLong(r.base(), true);
            out.writeVarLong(r.size(), true);
            AccessRules a = r.rules();
            out.writeBoolean(a != null);
            if (a != null) {
                out.writeVarInt(a.validMin(), true);
                out.writeVarInt(a.validMax(), true);
                out.writeVarInt(a.implMin(), true);
                out.writeVarInt(a.implMax(), true);
                out.writeBoolean(a.unaligned());
            }
            out.writeVarLong(r.hostTag(), true);
        }

        @Override
        public RegionDefined read(Kryo kryo, Input in, Class<? extends RegionDefined> type) {
            long seq = in.readVarLong(true);
            long time = in.readVarLong(false);
            int id = in.readVarInt(true);
            if (id > ChunkCodec.MAX_REGION_ID) {
                throw new KryoException("region id " + id + " above the cap " + ChunkCodec.MAX_REGION_ID);
            }
            String name = readString(in);
            int space = in.readByteUnsigned();
            if (space >= Space.values().length) {
                throw new KryoException("unknown space " + space);
            }
            long base = in.readVarLong(true);
            long size = in.readVarLong(true);
            AccessRules rules = null;
            if (in.readBoolean()) {
                rules = new AccessRules(in.readVarInt(true), in.readVarInt(true), in.readVarInt(true),
                        in.readVarInt(true), in.readBoolean());
            }
            return new RegionDefined(seq, time, id, name, Space.values()[space], base, size, rules,
                    in.readVarLong(true));
        }
    }

    private static final class SnapshotSerializer extends Serializer<StateSnapshot> {
        @Override
        public void write(Kryo kryo, Output out, StateSnapshot s) {
            out.writeVarLong(s.seq(), true);
            out.writeVarLong(s.time(), false);
            writeString(out, s.label());
            out.writeVarInt(s.stream().size(), true);
            out.writeBytes(s.stream().toByteArray());
        }

        @Override
        public StateSnapshot read(Kryo kryo, Input in, Class<? extends StateSnapshot> type) {
            long seq = in.readVarLong(true);
            long time = in.readVarLong(false);
            String label = readString(in);
            int n = in.readVarInt(true);
            if (n < 0 || n > in.limit() - in.position()) {
                throw new KryoException("snapshot length " + n + " runs past the end of the frame");
            }
            return new StateSnapshot(seq, time, label, ImmutableBytes.copyOf(in.readBytes(n)));
        }
    }

    private static final class TrailerSerializer extends Serializer<Trailer> {
        @Override
        public void write(Kryo kryo, Output out, Trailer t) {
            out.writeVarLong(t.eventCount(), true);
            out.writeVarLong(t.chunkCount(), true);
            out.writeVarInt(t.regionCount(), true);
            out.writeVarInt(t.snapshotCount(), true);
        }

        @Override
        public Trailer read(Kryo kryo, Input in, Class<? extends Trailer> type) {
            return new Trailer(in.readVarLong(true), in.readVarLong(true), in.readVarInt(true), in.readVarInt(true));
        }
    }

    private static final class IndexSerializer extends Serializer<TraceIndex> {
        @Override
        public void write(Kryo kryo, Output out, TraceIndex t) {
            out.writeByte(t.form());
            writeEntries(out, t.snapshots());
            writeEntries(out, t.regions());
            writeEntries(out, t.chunks());
        }

        private static void writeEntries(Output out, TraceIndex.Entries e) {
            out.writeVarInt(e.size(), true);
            long seq = 0;
            long pos = 0;
            for (int i = 0; i < e.size(); i++) {
                out.writeVarLong(e.seq(i) - seq, true);
                out.writeVarLong(e.position(i) - pos, true);
                seq = e.seq(i);
                pos = e.position(i);
            }
        }

        @Override
        public TraceIndex read(Kryo kryo, Input in, Class<? extends TraceIndex> type) {
            int form = in.readByteUnsigned();
            if (form != TraceIndex.FORM_QUEUE && form != TraceIndex.FORM_FILE) {
                throw new KryoException("unknown index form " + form);
            }
            TraceIndex t = new TraceIndex(form);
            readEntries(in, t.snapshots(), "snapshot");
            readEntries(in, t.regions(), "region");
            readEntries(in, t.chunks(), "chunk");
            return t;
        }

        /** Seqs and positions strictly increase: every delta after the first is at least 1. */
        private static void readEntries(Input in, TraceIndex.Entries into, String what) {
            int n = in.readVarInt(true);
            if (n < 0 || n > TraceIndex.MAX_ENTRIES || n > (in.limit() - in.position()) / 2) {
                throw new KryoException(what + " entry count " + n + " above the cap or the frame");
            }
            long seq = 0;
            long pos = 0;
            for (int i = 0; i < n; i++) {
                long ds = in.readVarLong(true);
                long dp = in.readVarLong(true);
                long min = i == 0 ? 0 : 1;
                if (ds < min || dp < min || ds > Long.MAX_VALUE - seq || dp > Long.MAX_VALUE - pos) {
                    throw new KryoException(what + " entry " + i + " does not follow the one before it");
                }
                seq += ds;
                pos += dp;
                into.add(seq, pos);
            }
        }
    }
}
