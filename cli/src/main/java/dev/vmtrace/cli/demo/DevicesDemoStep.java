package dev.vmtrace.cli.demo;

import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonValue;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.qtest.QtestSession;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.WireOutput;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The device models of stories S0, S1 and S3: OVMF's CPU hotplug negotiation and enumeration,
 * the PMBASE/SMI_EN lock test and an APM command, compared with the replies real QEMU 7.2.22 gave
 * ({@code samples/qtest/cpuhp-ovmf.*}); the same script on release 7.2.0 under TCG (the switch is
 * lost and "command data 2" reads 0); and the PM sections' layout against the bundled real streams.
 */
public final class DevicesDemoStep implements DemoStep {
    private static final String SCRIPT = "cpuhp-ovmf";

    @Override
    public String title() {
        return "devices: CPU hotplug, PM, SMI vs QEMU 7.2";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        Path dir = ctx.samples().resolve("qtest");
        List<String> script = Files.readAllLines(dir.resolve(SCRIPT + ".qtest"), StandardCharsets.US_ASCII);
        List<String> expected = Files.readAllLines(dir.resolve(SCRIPT + ".pc-q35-7.2.replies"), StandardCharsets.US_ASCII);
        List<String> facts = new ArrayList<>();
        Machine m = machine("pc-q35-7.2", Release.DEFAULT, Accel.KVM);
        RecordedReplies replies = RecordedReplies.compare(script, new QtestSession(m).replies(script), expected);
        boolean ok = replies.identical();
        facts.add("pc-q35-7.2 -smp 2,maxcpus=4: " + replies.counts() + " replies identical to QEMU 7.2.22");
        Machine old = machine("pc-q35-7.2", Release.of(7, 2, 0), Accel.TCG);
        List<String> oldReplies = new QtestSession(old).replies(script.subList(0, 5));
        boolean lost = old.device(CpuHotplug.class).legacyMode() && oldReplies.get(4).equals("OK 0x0000");
        ok &= lost;
        facts.add("release 7.2.0 TCG: switch DWORDs dropped, 'command data 2' reads " + oldReplies.get(4).substring(3)
                + ", still legacy: " + old.device(CpuHotplug.class).legacyMode());
        for (String type : List.of("pc-i440fx-7.2", "pc-q35-7.2")) {
            boolean layout = sameLayout(ctx.real("mig/" + type + ".bin"), machine(type, Release.DEFAULT, Accel.KVM));
            ok &= layout;
            facts.add(type + " PM section vmdesc " + (layout ? "identical to" : "differs from") + " the real stream's");
        }
        for (String f : facts) {
            ctx.out().println("  " + f);
        }
        return new StepResult(title(), ok, ok ? "identical to QEMU 7.2; 7.2.0 TCG loses the switch" : "differs", facts);
    }

    private static Machine machine(String type, Release r, Accel a) {
        return Machine.build(MachineConfig.parse(type, "2,maxcpus=4", "32M", List.of(), List.of(), r, a, null));
    }

    private static boolean sameLayout(Path stream, Machine m) throws Exception {
        MigrationStream s = MigrationStreamReader.read(stream);
        for (Migratable d : migratables(m)) {
            for (JsonValue v : s.vmdesc().array("devices").elements()) {
                JsonObject o = (JsonObject) v;
                if (o.string("name").equals(d.sectionId())) {
                    JsonObject.Builder desc = JsonObject.builder().put("name", d.sectionId())
                            .put("instance_id", d.instanceId());
                    StateCodec.save(d.vmstate(), d.state(), new WireOutput(), desc);
                    return JsonWriter.compact(o).equals(JsonWriter.compact(desc.build()));
                }
            }
        }
        return false;
    }

    private static List<Migratable> migratables(Machine m) {
        List<Migratable> out = new ArrayList<>();
        for (var d : m.devices()) {
            if (d instanceof Migratable mig && (mig.sectionId().endsWith("piix4_pm") || mig.sectionId().endsWith("ICH9LPC"))) {
                out.add(mig);
            }
        }
        return out;
    }
}
