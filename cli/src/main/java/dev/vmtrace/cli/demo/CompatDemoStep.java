package dev.vmtrace.cli.demo;

import dev.vmtrace.compat.check.CompatChecker;
import dev.vmtrace.compat.check.CompatResult;
import dev.vmtrace.compat.check.Finding;
import dev.vmtrace.compat.check.Severity;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.report.CompatReport;
import dev.vmtrace.compat.source.SchemaSources;
import dev.vmtrace.compat.source.StreamSchemas;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.stream.RamBlock;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads QEMU 7.2's real migration streams (i440fx and q35), prints their sections and RAM blocks,
 * and predicts migrations between them: each with itself (compatible), q35 and i440fx both ways
 * (incompatible: machine type, chipset sections), the q35 stream against the binary's
 * {@code -dump-vmstate} (compatible), and QEMU's checker data (its 13 errors).
 */
public final class CompatDemoStep implements DemoStep {
    @Override
    public String title() {
        return "compat: real QEMU 7.2 streams";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        PrintWriter out = ctx.out();
        List<String> facts = new ArrayList<>();
        List<SchemaSet> sets = new ArrayList<>();
        for (String machine : List.of("pc-i440fx-7.2", "pc-q35-7.2")) {
            Path file = ctx.real("mig/" + machine + ".bin");
            MigrationStream s = MigrationStreamReader.read(file);
            out.printf("%s: machine %s, %d sections, %d RAM blocks, vmdesc with %d bytes%n", file.getFileName(),
                    s.machineType(), s.sections().size(), s.ramBlocks().size(), s.size() - s.vmdescOffset() - 5);
            List<String> names = new ArrayList<>();
            s.sections().forEach(sec -> names.add(sec.key()));
            out.println("  sections: " + String.join(", ", names));
            for (RamBlock b : s.ramBlocks()) {
                out.printf("  RAM block %-22s 0x%x%n", b.id(), b.usedLength());
            }
            facts.add(String.format("%s: %d sections, %d RAM blocks decoded", machine, s.sections().size(),
                    s.ramBlocks().size()));
            sets.add(StreamSchemas.of(s, file.getFileName().toString()));
        }
        Path dir = ctx.outDir().resolve("compat");
        Files.createDirectories(dir);
        boolean ok = true;
        List<CompatResult> all = new ArrayList<>();
        int[][] pairs = {{0, 0}, {1, 1}, {1, 0}, {0, 1}};
        for (int[] p : pairs) {
            CompatResult r = CompatChecker.check(sets.get(p[0]), sets.get(p[1]));
            all.add(r);
            boolean expected = p[0] == p[1];
            ok &= r.compatible() == expected;
            Finding first = r.firstError();
            String line = r.source() + " -> " + r.destination() + ": " + r.verdict()
                    + (first == null ? "" : " (" + r.count(Severity.ERROR) + " errors, first: " + first.code()
                            + " at " + first.section() + ")");
            out.println(line);
            facts.add(line);
        }
        SchemaSet dump = SchemaSources.resolve(ctx.real("dump/pc-q35-7.2.json.gz").toString());
        CompatResult mixed = CompatChecker.check(sets.get(1), dump);
        all.add(mixed);
        ok &= mixed.compatible();
        String mixedLine = "pc-q35-7.2.bin -> -dump-vmstate of the same binary: " + mixed.verdict() + " ("
                + mixed.count(Severity.WARNING) + " warnings, " + mixed.count(Severity.INFO) + " info)";
        out.println(mixedLine);
        facts.add(mixedLine);
        SchemaSet d1 = SchemaSources.resolve(ctx.real("checker-data/dump1.json").toString());
        SchemaSet d2 = SchemaSources.resolve(ctx.real("checker-data/dump2.json").toString());
        CompatResult checker = CompatChecker.check(d1, d2);
        all.add(checker);
        long errors = checker.count(Severity.ERROR);
        ok &= errors >= 13;
        String line = "QEMU checker data dump1 -> dump2: " + errors + " errors (QEMU's checker reports 13)";
        out.println(line);
        facts.add(line);
        Files.writeString(dir.resolve("compat.json"), CompatReport.json(all), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("compat.html"), CompatReport.html(all), StandardCharsets.UTF_8);
        out.println("reports: " + dir.resolve("compat.html"));
        return new StepResult(title(), ok, ok ? "streams decoded; verdicts as expected" : "unexpected verdict", facts);
    }
}
