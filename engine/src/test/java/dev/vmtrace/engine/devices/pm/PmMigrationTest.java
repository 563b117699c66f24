package dev.vmtrace.engine.devices.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.devices.pcihp.PciHotplugVariant;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.WireInput;
import dev.vmtrace.engine.state.WireOutput;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Saving and loading the PM sections between vmtrace machines (and variants). */
class PmMigrationTest {
    static Machine machine(String type, String smp, Release r) {
        return Machine.build(MachineConfig.parse(type, smp, null, List.of(), List.of(), r, Accel.KVM, null));
    }

    static Migratable pm(Machine m) {
        return m.device(Ich9Pm.class) != null ? m.device(Ich9Pm.class) : m.device(Piix4Pm.class);
    }

    static byte[] save(Machine m) {
        WireOutput out = new WireOutput();
        StateCodec.save(pm(m).vmstate(), pm(m).state(), out, JsonObject.builder());
        return out.toByteArray();
    }

    static void load(Machine src, Machine dst) throws BadInputException {
        byte[] bytes = save(src);
        Migratable d = pm(dst);
        StateNode n = StateCodec.load(d.vmstate(), new WireInput("test", bytes), pm(src).vmstate().versionId(), d.state());
        d.restore(n);
    }

    @Test
    void q35RoundTripCarriesModernCpuHotplugSmiNegotiationAndPmRegisters() throws Exception {
        Machine src = machine("pc-q35-7.2", "2,maxcpus=4", Release.DEFAULT);
        src.out(0xcf8, 0x8000f840L, 4, -1, AccessSink.DISCARD);
        src.out(0xcfc, 0x601, 4, -1, AccessSink.DISCARD);
        src.out(0xcf8, 0x8000f844L, 4, -1, AccessSink.DISCARD);
        src.out(0xcfc, 0x80, 1, -1, AccessSink.DISCARD);
        src.out(0x602, 0x121, 2, -1, AccessSink.DISCARD);
        src.out(0x630, 0x21, 4, -1, AccessSink.DISCARD);
        src.out(0xcd8, 0, 4, -1, AccessSink.DISCARD);
        src.out(0xcd8, 1, 4, -1, AccessSink.DISCARD);
        src.out(0xb3, 0x5a, 1, -1, AccessSink.DISCARD);
        SmiFeatures f = src.device(Ich9Pm.class).smiFeatures();
        f.requestWrite(0, SmiFeatures.le(3));
        f.selectFeaturesOk();
        Machine dst = machine("pc-q35-7.2", "2,maxcpus=4", Release.DEFAULT);
        load(src, dst);
        assertFalse(dst.device(CpuHotplug.class).legacyMode(), "the cpuhp subsection switches the destination");
        assertEquals(0x121, dst.in(0x602, 2, -1, AccessSink.DISCARD), "PMBASE mapping follows the restored config");
        assertEquals(0x21, dst.in(0x630, 4, -1, AccessSink.DISCARD));
        dst.out(0xcdd, 0, 1, -1, AccessSink.DISCARD);
        assertEquals(1, dst.in(0xce0, 4, -1, AccessSink.DISCARD), "the selector came across");
        assertEquals(0x5a, dst.in(0xb3, 1, -1, AccessSink.DISCARD));
        assertEquals(3, dst.device(Ich9Pm.class).smiFeatures().negotiated());
        src.out(0xcdd, 0, 1, -1, AccessSink.DISCARD);
        assertTrue(Arrays.equals(save(src), save(dst)));
    }

    @Test
    void cpuHotplugStateNeedsTheSamePossibleCpuCount() {
        Machine src = machine("pc-i440fx-7.2", "2,maxcpus=4", Release.DEFAULT);
        src.device(CpuHotplug.class).switchToModern();
        Machine dst = machine("pc-i440fx-7.2", "2,maxcpus=8", Release.DEFAULT);
        assertThrows(BadInputException.class, () -> load(src, dst));
    }

    /** Seed 003: the post-fix release sends a computed up; old and new load each other. */
    @Test
    void postFixAndModernVariantsMigrateBothWays() throws Exception {
        Machine post = machine("pc-i440fx-1.6", null, Release.of(1, 6, 0));
        Machine modern = machine("pc-i440fx-1.6", null, Release.DEFAULT);
        AcpiPciHotplug oldHp = post.device(AcpiPciHotplug.class);
        AcpiPciHotplug newHp = modern.device(AcpiPciHotplug.class);
        assertEquals(PciHotplugVariant.POST_RACE_FIX, oldHp.variant());
        assertEquals(PciHotplugVariant.MODERN, newHp.variant());
        assertTrue(oldHp.hotAdd(3));
        assertTrue(newHp.hotAdd(3)); // the destination is started with the same device
        StateNode snap = pm(post).state();
        assertEquals(1 << 3, snap.getNode("acpi_pci_hotplug.acpi_pcihp_pci_status[0x0]").getLong("up"),
                "the raw node holds the device's up; the schema computes the sent one");
        load(post, modern);
        assertEquals(1 << 3, modern.in(0xae00, 4, -1, AccessSink.DISCARD), "computed up arrives as real up");
        load(modern, post);
        assertEquals(1 << 3, post.in(0xae00, 4, -1, AccessSink.DISCARD));
    }

    /** Story S1: a VM that negotiated broadcast SMI cannot go to a release without smi_feat. */
    @Test
    void negotiatedSmiNeedsADestinationThatKnowsTheSubsection() throws Exception {
        List<String> on = List.of("ICH9-LPC.x-smi-broadcast=on");
        Machine src = Machine.build(MachineConfig.parse("pc-q35-2.8", null, null, List.of(), on, Release.DEFAULT,
                Accel.KVM, null));
        Machine old = Machine.build(MachineConfig.parse("pc-q35-2.8", null, null, List.of(), on, Release.of(2, 8, 0),
                Accel.KVM, null));
        load(src, old); // nothing negotiated: the subsection is not sent
        SmiFeatures f = src.device(Ich9Pm.class).smiFeatures();
        f.requestWrite(0, SmiFeatures.le(1));
        f.selectFeaturesOk();
        BadInputException e = assertThrows(BadInputException.class, () -> load(src, old));
        assertTrue(e.getMessage().contains("ICH9LPC/smi_feat"), e.getMessage());
        Machine newer = Machine.build(MachineConfig.parse("pc-q35-2.8", null, null, List.of(), on, Release.of(2, 9, 0),
                Accel.KVM, null));
        load(src, newer);
        assertTrue(newer.device(Ich9Pm.class).smiFeatures().broadcast());
    }
}
