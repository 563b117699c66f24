package dev.vmtrace.samples.scenario;

import java.util.List;

/**
 * The outcome of running one story: every variant's verdict, every finding, and how it compares
 * with the story's expectation ({@code detected}: every expected finding was found;
 * {@code asExpected}: that, and every variant broke or stayed clean as expected).
 */
public record StoryResult(String id, String title, boolean detected, boolean asExpected,
        List<VariantVerdict> variants, List<StoryFinding> findings, List<String> unmet) {
    public StoryResult {
        variants = List.copyOf(variants);
        findings = List.copyOf(findings);
        unmet = List.copyOf(unmet);
    }
}
