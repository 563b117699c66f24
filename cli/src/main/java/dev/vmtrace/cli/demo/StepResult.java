package dev.vmtrace.cli.demo;

import java.util.List;

/**
 * What a demo step found: whether it behaved as expected, a one-line verdict and the key facts it
 * reported (for the summary table and the JSON report).
 */
public record StepResult(String title, boolean ok, String verdict, List<String> facts) {
    public StepResult {
        facts = List.copyOf(facts);
    }
}
