package dev.vmtrace.samples.scenario;

import dev.vmtrace.engine.input.BadInputException;

/** One acceptance story (a real QEMU bug) that vmtrace must catch from its workload. */
public interface Story {
    /** S0 .. S4. */
    String id();

    /** One line for people. */
    String title();

    /** Runs the workload under every variant and checks the findings against the expectation. */
    StoryResult run() throws BadInputException;
}
