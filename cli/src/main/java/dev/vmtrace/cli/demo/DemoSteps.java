package dev.vmtrace.cli.demo;

import java.util.List;

/**
 * The demo's steps, in the order they run. One step per line with a trailing comma: this file
 * merges with git's union driver (see .gitattributes), so branches that each add a step merge
 * without conflict.
 */
public final class DemoSteps {
    private DemoSteps() {
    }

    public static List<DemoStep> all() {
        DemoStep[] steps = {
            new CompatDemoStep(),
            new TraceImportDemoStep(),
            new ReplayDemoStep(),
            new QtestDemoStep(),
            new ScenarioDemoStep(),
            new DevicesDemoStep(),
            new AcpiDemoStep(),
            new SyncDemoStep(),
            new MmcfgDemoStep(),
            new McfgDemoStep(),
            new PflashDemoStep(),
        };
        return List.of(steps);
    }
}
