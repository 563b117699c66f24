package dev.vmtrace.cli.demo;

import java.util.List;

/** The demo's steps, in the order they run. Each capability adds its step here. */
public final class DemoSteps {
    private DemoSteps() {
    }

    public static List<DemoStep> all() {
        return List.of(
                new QtestDemoStep());
    }
}
