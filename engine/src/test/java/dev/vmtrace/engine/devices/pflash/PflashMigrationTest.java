package dev.vmtrace.engine.devices.pflash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.DispatchPath;
import dev.vmtrace.engine.memory.Space;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pflash_cfi01} sections: the vmdesc entries of both flashes equal those of a stream
 * QEMU 7.2 writes with two pflash drives ({@code scripts/capture.sh stream}), and a save/load
 * carries an open buffered write (the {@code pflash_cfi01_blk_write} subsection).
 */
class PflashMigrationTest {
    @TempDir
    Path tmp;

    private static Machine machine() {
        return PflashFlatViewTest.build("pc-q35-7.2,pflash0=" + PflashDifferentialTest.CODE
                + ",pflash0-readonly=on,pflash1=" + PflashDifferentialTest.VARS, List.of());
    }

    private static List<PflashCfi01> flashes(Machine m) {
        List<PflashCfi01> out = new ArrayList<>();
        m.devices().forEach(d -> {
            if (d instanceof PflashCfi01 f) {
                out.add(f);
            }
        });
        return out;
    }

    @Test
    void vmdescEntriesEqualQemus() throws Exception {
        RealQemu.requireQemu();
        PflashDifferentialTest.requireImages();
        Path vars = Files.copy(PflashDifferentialTest.VARS, tmp.resolve("vars.fd"));
        Path stream = tmp.resolve("s.bin");
        Process p = new ProcessBuilder(RealQemu.captureScript().toString(), "stream", stream.toString(), "--",
                "-M", "pc-q35-7.2", "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + PflashDifferentialTest.CODE,
                "-drive", "if=pflash,format=raw,unit=1,file=" + vars).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "capture finished");
        MigrationStream s = MigrationStreamReader.read(stream);
        List<String> real = new ArrayList<>();
        for (JsonValue v : s.vmdesc().array("devices").elements()) {
            JsonObject o = (JsonObject) v;
            if (o.string("name").equals(PflashSchema.SECTION)) {
                real.add(JsonWriter.compact(o));
            }
        }
        List<String> engine = new ArrayList<>();
        for (PflashCfi01 f : flashes(machine())) {
            JsonObject.Builder desc = JsonObject.builder().put("name", f.sectionId()).put("instance_id", f.instanceId());
            StateCodec.save(f.vmstate(), f.state(), new WireOutput(), desc);
            engine.add(JsonWriter.compact(desc.build()));
        }
        assertEquals(real, engine);
    }

    @Test
    void anOpenBufferedWriteMigrates() throws Exception {
        PflashDifferentialTest.requireImages();
        Machine src = machine();
        long f1 = 0xffc00000L;
        src.write(Space.MEMORY, f1 + 0x3000, 0xe8, 1, DispatchPath.BUFFER, -1, AccessSink.DISCARD);
        src.write(Space.MEMORY, f1 + 0x3000, 0x01, 1, DispatchPath.BUFFER, -1, AccessSink.DISCARD);
        src.write(Space.MEMORY, f1 + 0x3000, 0x11, 1, DispatchPath.BUFFER, -1, AccessSink.DISCARD);
        PflashCfi01 from = flashes(src).get(1);
        WireOutput out = new WireOutput();
        StateCodec.save(from.vmstate(), from.state(), out, JsonObject.builder());

        Machine dst = machine();
        PflashCfi01 to = flashes(dst).get(1);
        StateNode n = StateCodec.load(to.vmstate(), new WireInput("test", out.toByteArray()), 1, to.state());
        to.restore(n);
        assertEquals(from.snapshot().blkOffset(), to.snapshot().blkOffset());
        assertTrue(to.region().romd(), "the mode is not migrated: a destination starts in ROM mode");
        dst.write(Space.MEMORY, f1 + 0x3001, 0x22, 1, DispatchPath.BUFFER, -1, AccessSink.DISCARD);
        dst.write(Space.MEMORY, f1 + 0x3000, 0xd0, 1, DispatchPath.BUFFER, -1, AccessSink.DISCARD);
        assertEquals(0x11, to.arrayByte(0x3000));
        assertEquals(0x22, to.arrayByte(0x3001));
    }
}
