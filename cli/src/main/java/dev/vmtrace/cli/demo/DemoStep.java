package dev.vmtrace.cli.demo;

/** One capability shown by {@code vmtrace demo}. */
public interface DemoStep {
    /** A short title for the summary table. */
    String title();

    /** Runs the step, printing as it goes; never throws for a finding, only for a failure. */
    StepResult run(DemoContext ctx) throws Exception;
}
