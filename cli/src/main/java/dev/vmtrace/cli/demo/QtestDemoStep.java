package dev.vmtrace.cli.demo;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.qtest.QtestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the bundled qtest script on the engine for pc-i440fx-7.2 and pc-q35-7.2 and compares
 * every reply with the replies real QEMU 7.2.22 gave ({@code samples/qtest/*.replies}).
 */
public final class QtestDemoStep implements DemoStep {
    private static final String SCRIPT = "apm-and-unassigned";

    @Override
    public String title() {
        return "qtest: engine vs recorded QEMU 7.2 replies";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        Path dir = ctx.samples().resolve("qtest");
        List<String> script = Files.readAllLines(dir.resolve(SCRIPT + ".qtest"), StandardCharsets.US_ASCII);
        List<String> facts = new ArrayList<>();
        boolean ok = true;
        for (String machine : List.of("pc-i440fx-7.2", "pc-q35-7.2")) {
            List<String> expected = Files.readAllLines(dir.resolve(SCRIPT + "." + machine + ".replies"),
                    StandardCharsets.US_ASCII);
            QtestSession s = new QtestSession(Machine.build(MachineConfig.parse(machine, null, null, List.of(),
                    List.of(), Release.DEFAULT, Accel.KVM, null)));
            RecordedReplies r = RecordedReplies.compare(script, s.replies(script), expected);
            ok &= r.identical();
            String fact = machine + ": " + r.counts() + " replies identical" + r.difference();
            facts.add(fact);
            ctx.out().println("  " + fact);
        }
        return new StepResult(title(), ok, ok ? "identical to QEMU 7.2" : "engine differs from QEMU", facts);
    }
}
