import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.stream.StreamSection;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceWriter;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Regenerates the fuzz seed corpora (small slices of samples/real/) under each module's
 * src/test/resources/.../<Test>Inputs/<method>/ (docs/reliability.md). Deterministic: the same
 * samples give the same seeds. From the repository root, after a build:
 * <pre>
 * mvn -q -o dependency:build-classpath -pl trace-format -Dmdep.outputFile=/tmp/cp.txt
 * java -cp engine/target/classes:trace-format/target/classes:$(cat /tmp/cp.txt) scripts/FuzzSeeds.java .
 * </pre>
 * Kept crash inputs (crash-*) are not touched.
 */
public class FuzzSeeds {
    static Path repo;

    public static void main(String[] args) throws Exception {
        repo = Path.of(args[0]);
        Path real = repo.resolve("samples/real");
        streams(real);
        json(real);
        logs(real);
        qtest();
    }

    static Path dir(String module, String pkg, String test, String method) throws Exception {
        Path d = repo.resolve(module).resolve("src/test/resources").resolve(pkg.replace('.', '/'))
                .resolve(test + "Inputs").resolve(method);
        Files.createDirectories(d);
        return d;
    }

    static void put(Path dir, String name, byte[] data) throws Exception {
        Files.write(dir.resolve(name), data);
    }

    static byte[] gunzip(Path p) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    /** The first {@code max} bytes of {@code text}, cut after the last whole line. */
    static byte[] lines(byte[] text, int from, int max) {
        int end = Math.min(text.length, from + max);
        while (end > from && text[end - 1] != '\n') {
            end--;
        }
        return Arrays.copyOfRange(text, from, end);
    }

    // ---- migration streams, vmdesc ----------------------------------------------------------

    static void streams(Path real) throws Exception {
        Path read = dir("engine", "dev.vmtrace.engine.stream", "MigrationStreamFuzzTest", "read");
        Path load = dir("engine", "dev.vmtrace.engine.stream", "MigrationStreamFuzzTest", "loadWithEngineSchemas");
        Path compat = dir("compat-check", "dev.vmtrace.compat.source", "DumpVmstateFuzzTest", "stream");
        Path vmdesc = dir("engine", "dev.vmtrace.engine.stream", "VmdescFuzzTest", "decode");
        for (String g : List.of("machine-i440fx-7.2.bin", "machine-legacy.bin")) {
            byte[] b = Files.readAllBytes(repo.resolve("engine/src/test/resources/golden").resolve(g));
            for (Path d : List.of(read, load, compat)) {
                put(d, "golden-" + g, b);
            }
        }
        for (String m : List.of("pc-i440fx-7.2", "pc-q35-7.2")) {
            byte[] data = Files.readAllBytes(real.resolve("mig").resolve(m + ".bin"));
            MigrationStream s = MigrationStreamReader.read(m, data);
            byte[] spliced = splice(data, s);
            MigrationStreamReader.read("spliced", spliced); // must stay a valid stream
            if (m.equals("pc-q35-7.2")) {
                // One whole device-state tail (about 75 KB, most of it vmdesc): larger seeds slow the fuzzer.
                put(read, m + "-no-ram-pages.bin", spliced);
            }
            put(read, m + "-head4k.bin", Arrays.copyOf(data, 4096));
            byte[] few = fewDevices(data, s, List.of("timer", "fw_cfg", "mc146818rtc", "i8254", "port92", "globalstate"));
            MigrationStreamReader.read("few", few);
            put(read, m + "-few-devices.bin", few);
            put(compat, m + "-few-devices.bin", few);
            put(load, m + "-few-devices.bin", few);
            // One seed per device section: be16 body length, body, the section's vmdesc entry.
            Map<String, JsonObject> entries = new LinkedHashMap<>();
            for (JsonValue v : s.vmdesc().array("devices").elements()) {
                JsonObject o = v.asObject("device");
                entries.put(o.string("name") + "/" + o.longValue("instance_id"), o);
            }
            for (StreamSection sec : s.sections()) {
                JsonObject e = entries.get(sec.idstr() + "/" + sec.instanceId());
                if (e == null || sec.length() > 0xffff) {
                    continue;
                }
                int body = (int) (sec.offset() + 1 + 4 + 1 + sec.idstr().length() + 4 + 4);
                byte[] json = JsonWriter.compact(e).getBytes(StandardCharsets.UTF_8);
                String seed = sec.idstr().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + sec.instanceId();
                if (Files.exists(vmdesc.resolve(seed))) {
                    continue; // the same device in both machine types
                }
                if (json.length > 8192) {
                    continue;
                }
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                o.write((int) (sec.length() >> 8));
                o.write((int) sec.length());
                o.write(data, body, (int) sec.length());
                o.write(json);
                put(vmdesc, seed, o.toByteArray());
            }
        }
    }

    /** Header, configuration, RAM block list, the named device sections, EOF and a vmdesc naming only them. */
    static byte[] fewDevices(byte[] data, MigrationStream s, List<String> names) throws Exception {
        byte[] spliced = splice(data, s);
        MigrationStream t = MigrationStreamReader.read("spliced", spliced);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int devicesAt = (int) t.sections().get(1).offset();
        o.write(spliced, 0, devicesAt);
        List<StreamSection> secs = t.sections();
        StringBuilder vm = new StringBuilder("{\"page_size\":4096,\"devices\":[");
        boolean first = true;
        for (int i = 1; i < secs.size(); i++) {
            StreamSection sec = secs.get(i);
            if (!names.contains(sec.idstr())) {
                continue;
            }
            int end = i + 1 < secs.size() ? (int) secs.get(i + 1).offset() : (int) t.vmdescOffset() - 1;
            o.write(spliced, (int) sec.offset(), end - (int) sec.offset());
            for (JsonValue v : t.vmdesc().array("devices").elements()) {
                JsonObject d = v.asObject("device");
                if (d.string("name").equals(sec.idstr()) && d.longValue("instance_id") == sec.instanceId()) {
                    vm.append(first ? "" : ",").append(JsonWriter.compact(d));
                    first = false;
                }
            }
        }
        o.write(0);
        byte[] json = vm.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        o.write(6);
        o.write(json.length >>> 24);
        o.write(json.length >>> 16);
        o.write(json.length >>> 8);
        o.write(json.length);
        o.write(json, 0, json.length);
        return o.toByteArray();
    }

    /** Header, configuration and the RAM START section (block list), then the device sections: no pages. */
    static byte[] splice(byte[] data, MigrationStream s) {
        StreamSection ram = s.sections().get(0);
        int p = (int) ram.offset() + 1 + 4 + 1 + 3 + 4 + 4;
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        long total = bb.getLong(p) & ~0xfffL;
        p += 8;
        while (total > 0) {
            int len = data[p] & 0xff;
            total -= bb.getLong(p + 1 + len);
            p += 1 + len + 8;
        }
        if (bb.getLong(p) != 0x10) {
            throw new IllegalStateException("expected EOS after the RAM block list");
        }
        p += 8;
        if (data[p] == 0x7e) {
            p += 5;
        }
        return concat(Arrays.copyOf(data, p), Arrays.copyOfRange(data, (int) s.sections().get(1).offset(), data.length));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ---- JSON, dumps ------------------------------------------------------------------------

    static void json(Path real) throws Exception {
        Path parse = dir("engine", "dev.vmtrace.engine.json", "JsonReaderFuzzTest", "parse");
        Path small = dir("engine", "dev.vmtrace.engine.json", "JsonReaderFuzzTest", "parseWithSmallCaps");
        Path dump = dir("compat-check", "dev.vmtrace.compat.source", "DumpVmstateFuzzTest", "dump");
        Map<String, byte[]> docs = new LinkedHashMap<>();
        docs.put("dump1", Files.readAllBytes(real.resolve("checker-data/dump1.json")));
        docs.put("dump2", Files.readAllBytes(real.resolve("checker-data/dump2.json")));
        docs.put("q35", gunzip(real.resolve("dump/pc-q35-7.2.json.gz")));
        for (Map.Entry<String, byte[]> d : docs.entrySet()) {
            JsonObject root = JsonReader.parse(d.getKey(), d.getValue()).asObject("dump");
            // Documents of a few entries each: vmschkmachine plus a run of sections.
            List<String> keys = List.copyOf(root.members().keySet());
            int n = 0;
            for (int i = 1; i < keys.size() && n < 6; i += Math.max(1, keys.size() / 6), n++) {
                StringBuilder sb = new StringBuilder("{");
                sb.append(JsonWriter.quote(keys.get(0))).append(": ").append(JsonWriter.compact(root.get(keys.get(0))));
                int size = 0;
                for (int k = i; k < keys.size() && size < 3000; k++) {
                    String v = JsonWriter.pretty(root.get(keys.get(k)));
                    sb.append(",\n").append(JsonWriter.quote(keys.get(k))).append(": ").append(v);
                    size += v.length();
                }
                byte[] b = sb.append("\n}\n").toString().getBytes(StandardCharsets.UTF_8);
                put(dump, d.getKey() + "-" + n + ".json", b);
                if (n < 2) {
                    put(parse, d.getKey() + "-" + n + ".json", b);
                    put(small, d.getKey() + "-" + n + ".json", Arrays.copyOf(b, Math.min(b.length, 1024)));
                }
            }
        }
        put(parse, "scalars.json", "[0, -1.5e3, 1E-2, \"a\\u00e9\\ud83d\\ude00\\n\", true, false, null, {}, []]"
                .getBytes(StandardCharsets.UTF_8));
        put(small, "nested.json", "{\"a\": [[[[{\"b\": [1, 2, {\"c\": \"d\"}]}]]]]}".getBytes(StandardCharsets.UTF_8));
    }

    // ---- QEMU logs, traces --------------------------------------------------------------------

    static void logs(Path real) throws Exception {
        Path imp = dir("trace-format", "dev.vmtrace.trace.qemu", "QemuLogImportFuzzTest", "importLog");
        Path file = dir("trace-format", "dev.vmtrace.trace", "TraceReaderFuzzTest", "singleFile");
        Path chunk = dir("trace-format", "dev.vmtrace.trace", "TraceReaderFuzzTest", "chunk");
        byte[] devices = gunzip(real.resolve("trace/ovmf-q35-smp2-max4.devices.log.gz"));
        byte[] head = gunzip(real.resolve("trace/ovmf-q35-smp2-max4.head200k.log.gz"));
        put(imp, "devices-head4k.log", lines(devices, 0, 4096));
        put(imp, "devices-mid4k.log", lines(devices, indexOf(devices, "memory_region_ops_write cpu 0 mr"), 4096));
        put(imp, "devices-cpuhp.log", lines(devices, lineStart(devices, indexOf(devices, "cpuhp_acpi")) , 2048));
        put(imp, "head200k-head4k.log", lines(head, 0, 4096));
        put(imp, "head200k-mid4k.log", lines(head, lineStart(head, head.length / 2), 4096));
        byte[] cut = lines(head, 0, 1024);
        put(imp, "killed-run.log", Arrays.copyOf(cut, cut.length - 7));
        // Single-file traces written by the importer, 1 KiB chunks; and their chunk payloads.
        int k = 0;
        for (byte[] log : List.of(lines(devices, indexOf(devices, "memory_region_ops_write cpu 0 mr"), 3000),
                lines(head, 0, 3000), lines(devices, lineStart(devices, indexOf(devices, "cpuhp_acpi")), 3000))) {
            Path t = Files.createTempFile("seed", ".vmtrace");
            TraceHeader h = TraceHeader.of("fuzz seed", "pc-q35-7.2", "7.2.22", "tcg", 2, Map.of());
            try (TraceWriter w = TraceWriter.createFile(t, h).chunkBytes(1024)) {
                new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22")
                        .importTo(new ByteArrayInputStream(log), "seed", w);
            }
            byte[] b = Files.readAllBytes(t);
            Files.delete(t);
            put(file, "ovmf-" + k + ".vmtrace", b);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int p = 8;
            int c = 0;
            while (p + 12 <= b.length) {
                int kind = bb.getInt(p);
                int len = bb.getInt(p + 4);
                if (kind == ('V' | 'T' << 8 | 'C' << 16 | 'K' << 24) && c < 3) {
                    put(chunk, "ovmf-" + k + "-chunk" + c++, Arrays.copyOfRange(b, p + 8, p + 8 + len));
                }
                p += 12 + len;
            }
            k++;
        }
    }

    static int indexOf(byte[] b, String s) {
        byte[] n = s.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= b.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (b[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found: " + s);
    }

    static int lineStart(byte[] b, int p) {
        while (p > 0 && b[p - 1] != '\n') {
            p--;
        }
        return p;
    }

    // ---- qtest --------------------------------------------------------------------------------

    static void qtest() throws Exception {
        Path imp = dir("trace-format", "dev.vmtrace.trace.qtest", "QtestScriptFuzzTest", "importScript");
        Path ses = dir("engine", "dev.vmtrace.engine.qtest", "QtestSessionFuzzTest", "process");
        String script = String.join("\n", "# a qtest script", "outb 0xcd8 0x0", "inl 0xcd8", "outw 0xb2 0x1234",
                "inw 0xb2", "inb 0xb3", "outl 0x510 0x19", "writel 0xfed00000 0xdeadbeef", "readq 0xfed00000",
                "writeb 0x2000 0x5a", "readb 0x2000", "writew 0x2002 0xbeef", "readw 0x2002", "writeq 0x2008 0x1",
                "readl 0x2008", "read 0x2000 16", "write 0x2000 4 0xdeadbeef", "b64read 0x2000 4",
                "b64write 0x2000 4 3q2+7w==", "memset 0x3000 16 0xff", "clock_step", "clock_step 100",
                "clock_set 5000", "endianness", "") ;
        byte[] s = script.getBytes(StandardCharsets.UTF_8);
        put(imp, "script.qtest", s);
        put(ses, "script.qtest", s);
        put(ses, "ports.qtest", String.join("\n", "outb 0x70 0x0", "inb 0x71", "outb 0x43 0x34", "outb 0x40 0xff",
                "inb 0x61", "outw 0xcf8 0x0", "outl 0xcf8 0x80000000", "inl 0xcfc", "inw 0x608", "inl 0x608",
                "outb 0x510 0x00", "inb 0x511", "inb 0x511", "inl 0x3fc", "").getBytes(StandardCharsets.UTF_8));
        put(ses, "failing.qtest", String.join("\n", "write 0x0 1 0x", "nope", "read 0x0 1",
                "inb 0x10000", "").getBytes(StandardCharsets.UTF_8));
        put(imp, "log.qtest", String.join("\n", "[R +0.000012] outb 0xcd8 0x0", "[S +0.000020] OK",
                "[R +0.000030] inl 0xcd8", "[S +0.000041] OK 0x00000001", "[R +0.000050] readq 0xfed00000",
                "[S +0.000061] OK 0x00000000deadbeef", "[R +0.000070] clock_step 10", "[S +0.000080] OK 10",
                "[I +0.000090] IRQ raise 4", "").getBytes(StandardCharsets.UTF_8));
    }
}
