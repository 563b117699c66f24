package dev.vmtrace.cli.demo;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.FlatRange;
import dev.vmtrace.engine.qtest.QtestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The q35 host bridge and its PCIe MMCONFIG window: runs {@code samples/qtest/mmcfg.qtest} on
 * pc-q35-7.2 and compares each reply with real QEMU 7.2.22's ({@code mmcfg.pc-q35-7.2.replies}),
 * listing where the window was mapped along the way.
 */
public final class MmcfgDemoStep implements DemoStep {
    @Override
    public String title() {
        return "mmcfg: q35 host bridge and MMCONFIG window vs QEMU 7.2";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        Path dir = ctx.samples().resolve("qtest");
        List<String> script = Files.readAllLines(dir.resolve("mmcfg.qtest"), StandardCharsets.US_ASCII);
        List<String> qemu = Files.readAllLines(dir.resolve("mmcfg.pc-q35-7.2.replies"), StandardCharsets.US_ASCII);
        Machine m = Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(), List.of(), Release.DEFAULT,
                Accel.KVM, null));
        QtestSession session = new QtestSession(m);
        Set<String> windows = new LinkedHashSet<>();
        List<String> engine = new ArrayList<>();
        for (String c : script) {
            engine.add(session.replyOrAbort(c));
            for (FlatRange r : m.memory().flatView().ranges()) {
                if (r.region().name().equals("pcie-mmcfg-mmio")) {
                    windows.add(String.format("0x%x (%d MiB)", r.start() - r.offsetInRegion(), r.region().size() >> 20));
                }
            }
        }
        RecordedReplies replies = RecordedReplies.compare(script, engine, qemu);
        boolean ok = replies.identical();
        List<String> facts = new ArrayList<>();
        facts.add("pc-q35-7.2: " + replies.counts() + " replies identical to QEMU 7.2.22" + replies.difference());
        facts.add("pcie-mmcfg-mmio mapped at " + String.join(", ", windows));
        facts.forEach(f -> ctx.out().println("  " + f));
        return new StepResult(title(), ok, ok ? "identical to QEMU 7.2" : "engine differs from QEMU", facts);
    }
}
