package dev.vmtrace.engine.devices.mch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.testing.RealQemu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code mch} section: QEMU 7.2's vmdesc layout, and a save/load that carries the window. */
class MchMigrationTest {

    private static Machine q35() {
        return Machine.build(MachineConfig.parse("pc-q35-7.2", null, "32M", List.of(), List.of(), Release.DEFAULT,
                Accel.KVM, null));
    }

    private static void cfgWrite(Machine m, int reg, long value, int size) {
        m.out(0xcf8, 0x80000000L | (reg & 0xfc), 4, -1, AccessSink.DISCARD);
        m.out(0xcfc + (reg & 3), value, size, -1, AccessSink.DISCARD);
    }

    private static long cfgRead(Machine m, int reg) {
        m.out(0xcf8, 0x80000000L | (reg & 0xfc), 4, -1, AccessSink.DISCARD);
        return m.in(0xcfc + (reg & 3), 1, -1, AccessSink.DISCARD);
    }

    @Test
    void vmdescEntryEqualsTheBundledQemuStream() throws Exception {
        MigrationStream s = MigrationStreamReader.read(RealQemu.realDir().resolve("mig/pc-q35-7.2.bin"));
        String real = null;
        for (JsonValue v : s.vmdesc().array("devices").elements()) {
            JsonObject o = (JsonObject) v;
            if (o.string("name").equals(MchSchema.SECTION)) {
                real = JsonWriter.compact(o);
            }
        }
        Q35Mch mch = q35().device(Q35Mch.class);
        JsonObject.Builder desc = JsonObject.builder().put("name", mch.sectionId()).put("instance_id", mch.instanceId());
        StateCodec.save(mch.vmstate(), mch.state(), new WireOutput(), desc);
        assertEquals(real, JsonWriter.compact(desc.build()));
    }

    @Test
    void loadingMapsTheWindowAndReDerivesTheLocks() throws Exception {
        Machine src = q35();
        cfgWrite(src, 0x60, 0xe0000005L, 4);
        cfgWrite(src, 0x9d, 0x1a, 1); // D_LCK
        cfgWrite(src, 0x9c, 0xff, 1); // F_SMBASE query: answered 0x01
        WireOutput out = new WireOutput();
        Q35Mch from = src.device(Q35Mch.class);
        StateCodec.save(from.vmstate(), from.state(), out, JsonObject.builder());

        Machine dst = q35();
        Q35Mch to = dst.device(Q35Mch.class);
        StateNode n = StateCodec.load(to.vmstate(), new WireInput("test", out.toByteArray()), 1, to.state());
        to.restore(n);
        assertTrue(to.mmcfg().mapped());
        assertEquals(0xe0000000L, to.mmcfg().base());
        assertEquals(64L << 20, to.mmcfg().size());
        // SMRAM stays locked on the destination: D_OPEN cannot be set.
        cfgWrite(dst, 0x9d, 0x5a, 1);
        assertEquals(0x1a, cfgRead(dst, 0x9d));
        // A fresh destination never negotiated F_SMBASE, so the loaded answer is discarded (as in QEMU).
        assertEquals(0, cfgRead(dst, 0x9c));
        dst.reset();
        assertFalse(to.mmcfg().mapped());
    }
}
