package dev.vmtrace.cli.demo;

import dev.vmtrace.samples.scenario.Stories;
import dev.vmtrace.samples.scenario.Story;
import dev.vmtrace.samples.scenario.StoryReport;
import dev.vmtrace.samples.scenario.StoryResult;
import dev.vmtrace.samples.scenario.VariantVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs every acceptance story this build has and writes the scenario reports. */
public final class ScenarioDemoStep implements DemoStep {
    @Override
    public String title() {
        return "scenarios: acceptance stories";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        List<StoryResult> results = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        for (Story s : Stories.all()) {
            StoryResult r = s.run();
            results.add(r);
            long broken = r.variants().stream().filter(VariantVerdict::broken).count();
            String fact = r.id() + " " + r.title() + ": " + (r.asExpected() ? "detected as expected" : "NOT as expected")
                    + " (" + broken + " of " + r.variants().size() + " variants broken, " + r.findings().size() + " findings)";
            facts.add(fact);
            ctx.out().println("  " + fact);
        }
        Path dir = ctx.outDir().resolve("scenarios");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("scenarios.html"), StoryReport.html(results), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("scenarios.json"), StoryReport.jsonText(results), StandardCharsets.UTF_8);
        boolean ok = results.stream().allMatch(StoryResult::asExpected);
        return new StepResult(title(), ok, ok ? "every story detected as expected" : "a story was not detected as expected", facts);
    }
}
