package dev.vmtrace.cli.demo;

import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.replay.CpuSyncRecorder;
import dev.vmtrace.replay.CpuSyncReplayer;
import dev.vmtrace.replay.ReplayReport;
import dev.vmtrace.replay.SyncDivergence;
import dev.vmtrace.replay.SyncReplayResult;
import dev.vmtrace.samples.scenario.StoryResources;
import dev.vmtrace.samples.scenario.s2.SyncRecording;
import dev.vmtrace.samples.scenario.s2.SyncScript;
import dev.vmtrace.trace.TraceWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records story S2's ARM register-sync workload into a trace (CPU_SYNC events, virt-7.2 under KVM)
 * and replays it under the three sync policies: the old one loses the debugger's ESR_EL1, the
 * first fix clobbers reset values, the final one is clean.
 */
public final class SyncDemoStep implements DemoStep {
    private static final String WORKLOAD = "scenarios/S2/debugger-then-reset.cpreg";

    @Override
    public String title() {
        return "ARM vCPU register sync: record, replay per policy (S2 workload)";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        PrintWriter out = ctx.out();
        Path dir = ctx.outDir().resolve("arm-sync");
        Files.createDirectories(dir);
        Path trace = dir.resolve("debugger-then-reset.vmtrace");
        Files.deleteIfExists(trace);
        try (TraceWriter w = TraceWriter.createFile(trace, CpuSyncRecorder.header("vmtrace demo " + WORKLOAD, "virt-7.2",
                "7.2.22", SyncPolicy.WRITEBACK))) {
            SyncRecording.record(SyncScript.parse(WORKLOAD, StoryResources.text(WORKLOAD)), WORKLOAD, SyncPolicy.WRITEBACK, w);
        }
        out.println("  recorded " + WORKLOAD + " on virt-7.2 release 7.2.22 kvm -> " + trace);
        List<String> facts = new ArrayList<>();
        boolean ok = true;
        for (SyncPolicy p : SyncPolicy.values()) {
            SyncReplayResult r = CpuSyncReplayer.replay(trace, p);
            Files.writeString(dir.resolve(p.name().toLowerCase(Locale.ROOT) + ".html"),
                    ReplayReport.html(r.toReplayResult()), StandardCharsets.UTF_8);
            SyncDivergence d = r.first();
            String line = String.format("%-21s %s", p, d == null ? "identical"
                    : r.divergences().size() + " divergence(s), first " + d.kind().code() + " " + d.register() + " at #" + d.seq()
                            + String.format(" (expected 0x%x, KVM holds 0x%x)", d.expected(), d.actual()));
            out.println("  " + line);
            facts.add(line);
            switch (p) {
                case NO_WRITEBACK: ok &= d != null && d.kind().code().equals("lost-write") && d.register().equals("ESR_EL1"); break;
                case WRITEBACK_STALE_RESET: ok &= d != null && d.kind().code().equals("reset-clobbered"); break;
                default: ok &= r.identical();
            }
        }
        out.println("  reports: " + dir);
        return new StepResult(title(), ok, ok ? "old policy loses the debugger write, first fix clobbers reset values, "
                + "final policy clean" : "unexpected sync replay results", facts);
    }
}
