package dev.vmtrace.cli.demo;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.replay.EngineRun;
import dev.vmtrace.replay.MatrixReport;
import dev.vmtrace.replay.Recorder;
import dev.vmtrace.replay.ReplayMatrix;
import dev.vmtrace.replay.TraceTarget;
import dev.vmtrace.replay.Workload;
import dev.vmtrace.trace.TraceWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the bundled CPU-hotplug negotiation workload on pc-q35-7.2 (release 7.2.22, TCG), then
 * replays it across releases, accelerators and the access policy as a matrix: only strict TCG
 * before the fix (5.1 to 7.2.0) drops the legacy switch write; the rest differ at most in shape.
 */
public final class ReplayDemoStep implements DemoStep {
    @Override
    public String title() {
        return "record and replay across releases/policies (S0 workload)";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        PrintWriter out = ctx.out();
        Path script = ctx.samples().resolve("workloads").resolve("cpuhp-negotiation.qtest");
        Path dir = ctx.outDir().resolve("replay");
        Files.createDirectories(dir);
        Path trace = dir.resolve("cpuhp-negotiation.vmtrace");
        Files.deleteIfExists(trace);
        MachineConfig c = MachineConfig.parse("pc-q35-7.2", "2,maxcpus=4", null, List.of(), List.of(), Release.DEFAULT,
                Accel.TCG, null);
        try (TraceWriter w = TraceWriter.createFile(trace, Recorder.header(c, "cpuhp-negotiation.qtest"));
             Reader in = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
            Recorder rec = new Recorder(w, new EngineRun(c));
            new Workload(rec, script.toString()).run(in);
            rec.snapshot("end");
        }
        out.println("  recorded " + script.getFileName() + " on pc-q35-7.2 release 7.2.22 tcg -> " + trace);
        ReplayMatrix.Result m = ReplayMatrix.run(trace, TraceTarget.HEADER, ReplayMatrix.parse(List.of(
                "release=5.0,5.1,7.2.0,7.2.22", "accel=tcg,kvm")), 3, Runtime.getRuntime().availableProcessors());
        Files.writeString(dir.resolve("matrix.html"), MatrixReport.html(m), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("matrix.json"), MatrixReport.json(m), StandardCharsets.UTF_8);
        List<String> facts = new ArrayList<>();
        boolean ok = true;
        for (ReplayMatrix.Cell cell : m.cells()) {
            String rel = cell.settings().get("release");
            String acc = cell.settings().get("accel");
            String first = cell.result() == null || cell.result().first() == null ? ""
                    : ": " + cell.result().first().divergence().kind().code() + " at #"
                    + cell.result().first().divergence().seq() + " " + cell.result().first().divergence().message();
            String impact = cell.result() == null || cell.result().identical() ? ""
                    : cell.result().guestVisibleCount() == 0 ? " (device-level shape only)"
                    : " (" + cell.result().guestVisibleCount() + " guest-visible)";
            String line = String.format("release %-6s %-3s %s%s%s", rel, acc, cell.verdict(), impact, first);
            out.println("  " + line);
            facts.add(line);
            // Strict TCG before the fix (5.1 to 7.2.0; the fix is in 7.2.1) is the one that breaks.
            boolean strictTcg51 = (rel.equals("5.1") || rel.equals("7.2.0")) && acc.equals("tcg");
            if (strictTcg51) {
                ok &= cell.result() != null && !cell.result().identical()
                        && cell.result().first().divergence().kind().code().equals("dropped");
            } else {
                // Other combinations may split differently, but nothing the guest sees differs.
                ok &= cell.result() != null && cell.result().guestVisibleCount() == 0;
            }
            if (rel.equals("7.2.22")) {
                ok &= cell.result() != null && cell.result().identical();
            }
        }
        out.println("  matrix report: " + dir.resolve("matrix.html"));
        return new StepResult(title(), ok, ok
                ? "only strict TCG before the fix (5.1, 7.2.0) breaks: the switch write is dropped"
                : "unexpected replay verdicts", facts);
    }
}
