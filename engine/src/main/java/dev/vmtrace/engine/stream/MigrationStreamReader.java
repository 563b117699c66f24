package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonLimits;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.state.WireInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a QEMU migration stream (file version 3): header, CONFIGURATION, every START/PART/END/FULL
 * section with optional footers, the RAM section's block list and pages, EOF and the vmdesc
 * trailer. Device sections are decoded through the vmdesc. Without a vmdesc (machine types up to
 * 2.2) device sections cannot be decoded, since they carry no lengths; the reader then finds each
 * section's end by looking for the next plausible section header (or footer) and reports the
 * section undecoded. Every error is a {@link BadInputException} with the stream offset.
 */
public final class MigrationStreamReader {
    private MigrationStreamReader() {
    }

    /** Reads a stream file. */
    public static MigrationStream read(Path file) throws BadInputException {
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes(StreamFormat.MAX_STREAM_BYTES);
            if (in.read() >= 0) {
                throw BadInputException.unreadable(file.toString(), "stream larger than 2 GiB", null);
            }
        } catch (IOException e) {
            throw BadInputException.unreadable(file.toString(), "cannot read stream: " + e.getMessage(), e);
        }
        return read(file.toString(), data);
    }

    /** Reads a stream held in memory; {@code source} names it in errors. */
    public static MigrationStream read(String source, byte[] data) throws BadInputException {
        return new Parse(source, data).run();
    }

    /** The offset of a vmdesc trailer that ends exactly at the end of {@code data}, or -1. */
    static int findVmdesc(byte[] data) {
        int lowest = Math.max(8, data.length - StreamFormat.MAX_VMDESC_BYTES - 5);
        for (int p = data.length - 6; p >= lowest; p--) {
            if (data[p] != StreamFormat.VMDESCRIPTION || data[p + 5] != '{') {
                continue;
            }
            long len = ((data[p + 1] & 0xffL) << 24) | ((data[p + 2] & 0xff) << 16) | ((data[p + 3] & 0xff) << 8)
                    | (data[p + 4] & 0xff);
            if (len == data.length - (p + 5L)) {
                return p;
            }
        }
        return -1;
    }

    private static final class Parse {
        private final String source;
        private final byte[] data;
        private final WireInput in;
        private final List<StreamSection> order = new ArrayList<>();
        private final Map<Integer, long[]> startLengths = new HashMap<>();
        private final Map<String, JsonObject> described = new LinkedHashMap<>();
        private RamSectionParser ram;
        private boolean footersSeen;
        private int vmdescAt = -1;
        private final VmdescDecoder.Budget budget = new VmdescDecoder.Budget();

        Parse(String source, byte[] data) {
            this.source = source;
            this.data = data;
            this.in = new WireInput(source, data);
        }

        MigrationStream run() throws BadInputException {
            long magic = in.readU32("magic");
            if (magic != StreamFormat.MAGIC) {
                throw in.errorAt(0, String.format("not a QEMU migration stream: magic 0x%08x, expected 0x5145564d (QEVM)", magic));
            }
            long version = in.readU32("file version");
            if (version != StreamFormat.FILE_VERSION) {
                throw in.errorAt(4, "unsupported stream file version " + version + ", expected 3");
            }
            JsonObject vmdesc = null;
            vmdescAt = findVmdesc(data);
            int pageSize = StreamFormat.DEFAULT_PAGE_SIZE;
            if (vmdescAt >= 0) {
                vmdesc = JsonReader.parse(source, data, vmdescAt + 5, data.length,
                        new JsonLimits(StreamFormat.MAX_VMDESC_BYTES, 64, 1 << 16, 1_000_000)).asObject("vmdesc");
                if (vmdesc.has("page_size")) {
                    pageSize = vmdesc.intValue("page_size", 512, 1 << 16);
                    if (Integer.bitCount(pageSize) != 1) {
                        throw vmdesc.badShape("page_size " + pageSize + " is not a power of two");
                    }
                }
                for (JsonObject d : VmdescDecoder.devices(vmdesc)) {
                    described.put(d.string("name") + "\u0000" + d.longValue("instance_id"), d);
                }
            }
            ram = new RamSectionParser(pageSize);
            String machine = null;
            boolean first = true;
            while (true) {
                int at = in.position();
                int type = in.readU8("section type");
                if (type == StreamFormat.EOF) {
                    break;
                }
                if (order.size() > StreamFormat.MAX_SECTIONS) {
                    throw in.errorAt(at, "more than " + StreamFormat.MAX_SECTIONS + " sections");
                }
                switch (type) {
                    case StreamFormat.CONFIGURATION:
                        if (!first) {
                            throw in.errorAt(at, "CONFIGURATION section after other sections");
                        }
                        machine = configuration(at, vmdesc);
                        break;
                    case StreamFormat.SECTION_START:
                    case StreamFormat.SECTION_FULL:
                        startSection(at, type);
                        break;
                    case StreamFormat.SECTION_PART:
                    case StreamFormat.SECTION_END:
                        continueSection(at);
                        break;
                    case StreamFormat.COMMAND:
                        // Newer QEMUs put a SWITCHOVER_START command (0x0b, no data) into precopy
                        // streams; postcopy commands never appear in a file migration.
                        int command = in.readU16("command");
                        int dataLength = in.readU16("command data length");
                        if (command != StreamFormat.CMD_SWITCHOVER_START || dataLength != 0) {
                            throw in.errorAt(at, String.format("unsupported migration command 0x%x with %d data bytes",
                                    command, dataLength));
                        }
                        break;
                    default:
                        throw in.errorAt(at, "unknown or unsupported section type " + StreamFormat.typeName(type));
                }
                first = false;
            }
            int eofAt = in.position();
            int expectedEnd = vmdescAt >= 0 ? vmdescAt : data.length;
            if (eofAt != expectedEnd) {
                throw in.errorAt(eofAt, (expectedEnd - eofAt) + " unexpected bytes after EOF");
            }
            List<StreamSection> sections = new ArrayList<>();
            for (StreamSection s : order) {
                long[] len = startLengths.get(s.sectionId());
                if (len != null && s.type() == StreamFormat.SECTION_START) {
                    s = new StreamSection(s.sectionId(), s.idstr(), s.instanceId(), s.versionId(), s.type(), s.offset(),
                            len[0], s.footer(), s.state());
                }
                sections.add(s);
            }
            return new MigrationStream(source, data.length, machine, sections, ram.blocks(), pageSize, ram.pages,
                    ram.zeroPages, vmdesc, vmdescAt);
        }

        /**
         * The CONFIGURATION section: {@code be32 len, name}, then (newer QEMUs) subsections such as
         * {@code configuration/capabilities}, which only a vmdesc "configuration" entry describes.
         */
        private String configuration(int at, JsonObject vmdesc) throws BadInputException {
            long len = in.readU32("configuration name length");
            if (len > StreamFormat.MAX_CONFIG_NAME) {
                throw in.errorAt(at + 1, "machine name of " + len + " bytes exceeds the cap of "
                        + StreamFormat.MAX_CONFIG_NAME);
            }
            String name = in.readString((int) len, "machine name");
            if (in.peekU8() == StreamFormat.SUBSECTION) {
                JsonValue desc = vmdesc == null ? null : vmdesc.get("configuration");
                if (desc == null) {
                    throw in.error("the configuration section has subsections that only a vmdesc "
                            + "\"configuration\" entry describes, and the stream has none");
                }
                JsonObject d = desc.asObject("vmdesc configuration");
                JsonObject.Builder subsOnly = JsonObject.builder().put("vmsd_name", d.string("vmsd_name"))
                        .put("version", d.longValue("version"));
                if (d.has("subsections")) {
                    subsOnly.put("subsections", d.get("subsections"));
                }
                VmdescDecoder.decode(subsOnly.build(), in, 0, budget);
            }
            return name;
        }

        private void startSection(int at, int type) throws BadInputException {
            int id = (int) in.readU32("section id");
            String idstr = in.readCountedString("section id string");
            long instance = in.readU32("instance id");
            long version = in.readU32("version id");
            if (instance > Integer.MAX_VALUE || version > Integer.MAX_VALUE) {
                throw in.errorAt(at, "section " + idstr + ": instance or version id out of range");
            }
            int bodyStart = in.position();
            DecodedState state = null;
            if (StreamFormat.RAM_SECTION.equals(idstr)) {
                if (version != StreamFormat.RAM_VERSION) {
                    throw in.errorAt(at, "RAM section version " + version + ", vmtrace reads version 4");
                }
                ram.readUntilEos(in);
            } else {
                JsonObject desc = described.get(idstr + "\u0000" + instance);
                if (desc != null) {
                    state = VmdescDecoder.decode(desc, in, 0, budget);
                } else {
                    in.seek(scanForEnd(bodyStart, id, idstr));
                }
            }
            long length = in.position() - bodyStart;
            boolean footer = readFooter(id);
            if (type == StreamFormat.SECTION_START) {
                if (startLengths.put(id, new long[] {length}) != null) {
                    throw in.errorAt(at, "section id " + id + " started twice");
                }
            }
            order.add(new StreamSection(id, idstr, (int) instance, (int) version, type, at, length, footer, state));
        }

        private void continueSection(int at) throws BadInputException {
            int id = (int) in.readU32("section id");
            long[] len = startLengths.get(id);
            if (len == null) {
                throw in.errorAt(at, "PART/END for section id " + id + " that no START opened");
            }
            int bodyStart = in.position();
            // Only the RAM section is iterative in the streams vmtrace reads.
            ram.readUntilEos(in);
            len[0] += in.position() - bodyStart;
            readFooter(id);
        }

        private boolean readFooter(int id) throws BadInputException {
            if (in.peekU8() != StreamFormat.SECTION_FOOTER) {
                return false;
            }
            int at = in.position();
            in.readU8("footer");
            long footerId = in.readU32("footer section id");
            if (footerId != (id & 0xffffffffL)) {
                throw in.errorAt(at, "section footer for id " + footerId + " closes section id " + id);
            }
            footersSeen = true;
            return true;
        }

        /** Without a description, the next plausible section boundary after {@code from}. */
        private int scanForEnd(int from, int id, String idstr) throws BadInputException {
            int limit = vmdescAt >= 0 ? vmdescAt : data.length;
            for (int p = from; p < limit; p++) {
                if (footersSeen) {
                    if ((data[p] & 0xff) == StreamFormat.SECTION_FOOTER && p + 5 <= limit && be32(p + 1) == (id & 0xffffffffL)
                            && plausibleNext(p + 5, limit)) {
                        return p;
                    }
                } else if (plausibleNext(p, limit)) {
                    return p;
                }
            }
            throw in.errorAt(from, "cannot find the end of section " + idstr
                    + ": it has no vmdesc entry and no following section header");
        }

        private boolean plausibleNext(int q, int limit) {
            if (q >= limit) {
                return false;
            }
            int t = data[q] & 0xff;
            if (t == StreamFormat.EOF) {
                return q + 1 == limit;
            }
            if (t != StreamFormat.SECTION_FULL && t != StreamFormat.SECTION_START) {
                return false;
            }
            if (q + 6 > limit || be32(q + 1) > 0xffff) {
                return false;
            }
            int len = data[q + 5] & 0xff;
            if (len == 0 || q + 6 + len + 8 > limit) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                int c = data[q + 6 + i] & 0xff;
                if (c < 0x20 || c > 0x7e) {
                    return false;
                }
            }
            return be32(q + 6 + len) <= 0xffff && be32(q + 10 + len) <= 0xffff;
        }

        private long be32(int p) {
            return ((data[p] & 0xffL) << 24) | ((data[p + 1] & 0xff) << 16) | ((data[p + 2] & 0xff) << 8)
                    | (data[p + 3] & 0xff);
        }
    }
}
