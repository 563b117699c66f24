package dev.vmtrace.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonWriter;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    static final VmStateDescription DMA = VmStateDescription.builder("fw_cfg/dma").uint64("dma_addr").build();
    static final VmStateDescription ACPI_MR = VmStateDescription.builder("fw_cfg/acpi_mr").version(1).minimumVersion(1)
            .uint64("table_mr_size").uint64("linker_mr_size").uint64("rsdp_mr_size").build();
    /** fw_cfg as QEMU 7.2 declares it: cur_offset is u16 for version 1 and u32 from version 2. */
    static final VmStateDescription FW_CFG = VmStateDescription.builder("fw_cfg").version(2).minimumVersion(1)
            .uint16("cur_entry")
            .field(new VmStateField("cur_offset", WireType.UINT16, "uint16", 2, ArrayLength.SCALAR, 0, null, null, null)
                    .when((v, ver) -> ver < 2))
            .uint32("cur_offset").since(2)
            .subsection(DMA, Condition.isTrue("dma_enabled"))
            .subsection(ACPI_MR, Condition.isTrue("acpi_mr_restore"))
            .build();

    static StateNode fwCfg(long offset, boolean dma) {
        return StateNode.builder(FW_CFG).set("cur_entry", 0x19).set("cur_offset", offset)
                .property("dma_enabled", dma).property("acpi_mr_restore", true)
                .subsection(StateNode.builder(DMA).set("dma_addr", 0).build())
                .subsection(StateNode.builder(ACPI_MR).set("table_mr_size", 0x20000).set("linker_mr_size", 0x1000)
                        .set("rsdp_mr_size", 0x14).build())
                .build();
    }

    @Test
    void vmdescMatchesWhatQemuWroteForFwCfg() {
        WireOutput out = new WireOutput();
        JsonObject.Builder d = JsonObject.builder().put("name", "fw_cfg").put("instance_id", 0);
        StateCodec.save(FW_CFG, fwCfg(4, true), out, d);
        // The fw_cfg entry of samples/real/mig/pc-q35-7.2.bin's vmdesc, verbatim.
        String qemu = "{\"name\": \"fw_cfg\", \"instance_id\": 0, \"vmsd_name\": \"fw_cfg\", \"version\": 2, \"fields\": "
                + "[{\"name\": \"cur_entry\", \"type\": \"uint16\", \"size\": 2}, {\"name\": \"cur_offset[1]\", \"type\": "
                + "\"uint32\", \"size\": 4}], \"subsections\": [{\"vmsd_name\": \"fw_cfg/dma\", \"version\": 0, \"fields\": "
                + "[{\"name\": \"dma_addr\", \"type\": \"uint64\", \"size\": 8}]}, {\"vmsd_name\": \"fw_cfg/acpi_mr\", "
                + "\"version\": 1, \"fields\": [{\"name\": \"table_mr_size\", \"type\": \"uint64\", \"size\": 8}, {\"name\": "
                + "\"linker_mr_size\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"rsdp_mr_size\", \"type\": \"uint64\", "
                + "\"size\": 8}]}]}";
        assertEquals(qemu, JsonWriter.compact(d.build()));
        assertEquals("0019" + "00000004"
                + "05" + "0a" + hex("fw_cfg/dma") + "00000000" + "0000000000000000"
                + "05" + "0e" + hex("fw_cfg/acpi_mr") + "00000001" + "0000000000020000" + "0000000000001000"
                + "0000000000000014", HexFormat.of().formatHex(out.toByteArray()));
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void roundTripsAndLoadsOlderVersionLayout() throws Exception {
        WireOutput out = new WireOutput();
        StateNode saved = fwCfg(7, false);
        StateCodec.save(FW_CFG, saved, out, JsonObject.builder());
        StateNode local = fwCfg(0, false);
        StateNode loaded = StateCodec.load(FW_CFG, new WireInput("t", out.toByteArray()), 2, local);
        assertEquals(7, loaded.getLong("cur_offset"));
        assertEquals(0x14, loaded.subsections().get("fw_cfg/acpi_mr").getLong("rsdp_mr_size"));
        assertFalse(loaded.subsections().containsKey("fw_cfg/dma"));
        // Version 1 sends cur_offset as a u16.
        byte[] v1 = HexFormat.of().parseHex("00190003");
        assertEquals(3, StateCodec.load(FW_CFG, new WireInput("t", v1), 1, local).getLong("cur_offset"));
    }

    @Test
    void rejectsVersionsOutsideTheWindowAndUnknownSubsections() {
        byte[] body = HexFormat.of().parseHex("001900000004");
        BadInputException tooNew = assertThrows(BadInputException.class,
                () -> StateCodec.load(FW_CFG, new WireInput("t", body), 3, null));
        assertTrue(tooNew.getMessage().contains("incoming version_id 3 is too new for local version_id 2"));
        BadInputException tooOld = assertThrows(BadInputException.class,
                () -> StateCodec.load(ACPI_MR, new WireInput("t", body), 0, null));
        assertTrue(tooOld.getMessage().contains("too old for local minimum version_id 1"));
        byte[] unknown = HexFormat.of().parseHex("001900000004" + "05" + "0a" + hex("fw_cfg/xyz") + "00000001");
        BadInputException sub = assertThrows(BadInputException.class,
                () -> StateCodec.load(FW_CFG, new WireInput("t", unknown), 2, null));
        assertTrue(sub.getMessage().contains("unknown subsection fw_cfg/xyz"));
        assertEquals(6, sub.offset());
        assertThrows(BadInputException.class, () -> StateCodec.load(FW_CFG, new WireInput("t", new byte[3]), 2, null));
    }

    static final VmStateDescription ELEM = VmStateDescription.builder("CPU hotplug device state").version(1).minimumVersion(1)
            .bool("is_inserting").bool("is_removing").uint32("ost_event").uint32("ost_status").build();
    static final VmStateDescription CPUHP = VmStateDescription.builder("CPU hotplug state").version(1).minimumVersion(1)
            .uint32("selector").uint8("command")
            .structArray("devs", ELEM, ArrayLength.from("dev_count"))
            .int32Equal("magic").unused(2)
            .array("regs", WireType.UINT16, ArrayLength.fixed(3))
            .uint8("legacy_up").computed(v -> StateValue.of(v.getLong("selector") + 1))
            .postLoad(n -> n.getLong("command") > 3 ? "command out of range" : null)
            .build();

    static StateNode cpuhp(int cpus, long magic, long command) {
        StateNode dev = StateNode.builder(ELEM).set("is_inserting", true).set("is_removing", false)
                .set("ost_event", 1).set("ost_status", 2).build();
        return StateNode.builder(CPUHP).set("selector", 5).set("command", command)
                .setArray("devs", java.util.Collections.nCopies(cpus, dev)).set("magic", magic)
                .setArray("regs", List.of(StateValue.of(1), StateValue.of(2), StateValue.of(3)))
                .property("dev_count", cpus).build();
    }

    @Test
    void arraysOfStructsCountFromAPropertyAndChecksApply() throws Exception {
        WireOutput out = new WireOutput();
        JsonObject.Builder d = JsonObject.builder();
        StateCodec.save(CPUHP, cpuhp(2, 9, 0), out, d);
        assertEquals(4 + 1 + 2 * 10 + 4 + 2 + 6 + 1, out.size());
        String desc = JsonWriter.compact(d.build());
        assertTrue(desc.contains("{\"name\": \"devs\", \"array_len\": 2, \"type\": \"struct\""), desc);
        assertTrue(desc.contains("{\"name\": \"regs\", \"array_len\": 3, \"type\": \"uint16\", \"size\": 2}"), desc);
        byte[] bytes = out.toByteArray();
        assertEquals(6, bytes[bytes.length - 1], "computed legacy_up = selector + 1");
        StateNode loaded = StateCodec.load(CPUHP, new WireInput("t", bytes), 1, cpuhp(2, 9, 0));
        assertEquals(2, loaded.getArray("devs").size());
        assertTrue(((StateNode) loaded.getArray("devs").get(1)).getBool("is_inserting"));
        BadInputException eq = assertThrows(BadInputException.class,
                () -> StateCodec.load(CPUHP, new WireInput("t", bytes), 1, cpuhp(2, 8, 0)));
        assertTrue(eq.getMessage().contains("incoming 9 != local 8"), eq.getMessage());
        // A destination with 4 possible CPUs reads 2 elements too many and runs out of bytes.
        assertThrows(BadInputException.class, () -> StateCodec.load(CPUHP, new WireInput("t", bytes), 1, cpuhp(4, 9, 0)));
        WireOutput bad = new WireOutput();
        StateCodec.save(CPUHP, cpuhp(2, 9, 7), bad, JsonObject.builder());
        BadInputException post = assertThrows(BadInputException.class,
                () -> StateCodec.load(CPUHP, new WireInput("t", bad.toByteArray()), 1, cpuhp(2, 9, 0)));
        assertTrue(post.getMessage().contains("command out of range"));
    }
}
