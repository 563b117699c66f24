package dev.vmtrace.cli.demo;

import dev.vmtrace.trace.TraceFiles;
import dev.vmtrace.trace.ImportSummary;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceStats;
import dev.vmtrace.trace.TraceWriter;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.Inputs;
import dev.vmtrace.trace.qemu.QemuLogExporter;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Imports the real OVMF boot traces into trace directories, inspects them, exports them back to
 * QEMU log lines and checks that every access line comes back identical.
 */
public final class TraceImportDemoStep implements DemoStep {
    private static final String[] TRACES = {"ovmf-q35-smp2-max4.devices.log.gz", "ovmf-q35-smp2-max4.head200k.log.gz"};

    @Override
    public String title() {
        return "trace import/export round trip (real OVMF boot)";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        PrintWriter out = ctx.out();
        List<String> facts = new ArrayList<>();
        boolean ok = true;
        for (String name : TRACES) {
            Path log = ctx.real("trace/" + name);
            Path dir = ctx.outDir().resolve("traces").resolve(name.replace(".log.gz", ""));
            TraceFiles.deleteQueue(dir);
            Files.createDirectories(dir.getParent());
            TraceHeader h = TraceHeader.of("vmtrace demo import qemu-log", "pc-q35-7.2", "7.2.22", "tcg", 2,
                    Map.of("source", name));
            ImportSummary s;
            try (InputStream in = Inputs.open(log, null); TraceWriter w = TraceWriter.create(dir, h)) {
                s = new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22").importTo(in, name, w);
            }
            TraceStats stats;
            ByteArrayOutputStream exported = new ByteArrayOutputStream();
            boolean indexed;
            long mid;
            long landed;
            try (TraceReader r = TraceReader.open(dir)) {
                stats = TraceStats.collect(r);
                // Seek through the trace's index to the middle event.
                mid = stats.status().eventsRead() / 2;
                r.seek(mid);
                landed = r.hasNext() ? r.next().seq() : -1;
                indexed = r.indexStatus().indexed();
            }
            try (TraceReader r = TraceReader.open(dir)) {
                QemuLogExporter.export(r, exported);
            }
            List<String> original;
            try (InputStream in = Inputs.open(log, null)) {
                original = accessLines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            List<String> back = accessLines(exported.toString(StandardCharsets.UTF_8));
            boolean same = original.equals(back);
            ok &= same && stats.status().complete() && indexed && landed == mid;
            String line = String.format("%s: %d lines -> %d events (%d guest accesses, %d inferred, %d regions), "
                    + "%.2f bytes/line, %.2f bytes/event; export: %d/%d access lines identical; "
                    + "seek to seq %d %s lands on seq %d", name, s.lines(),
                    stats.status().eventsRead(), stats.guestAccesses(), stats.inferred(), stats.regions().size(),
                    (double) stats.status().frameBytes() / s.lines(), stats.bytesPerEvent(),
                    same ? back.size() : countSame(original, back), original.size(), mid,
                    indexed ? "through the index" : "by scanning (no index!)", landed);
            out.println("  " + line);
            facts.add(line);
        }
        return new StepResult(title(), ok, ok ? "access lines round-trip identically" : "round trip differs", facts);
    }

    private static List<String> accessLines(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith("memory_region_ops_")).collect(Collectors.toList());
    }

    private static int countSame(List<String> a, List<String> b) {
        int n = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (a.get(i).equals(b.get(i))) {
                n++;
            }
        }
        return n;
    }

}
