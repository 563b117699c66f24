package dev.vmtrace.cli;

/**
 * Every verb of {@code vmtrace}, in help order. One class per line with a trailing comma: this
 * file merges with git's union driver (see .gitattributes), so parallel branches that each add a
 * verb merge without conflict.
 */
final class Verbs {
    private Verbs() {
    }

    static final Class<?>[] ALL = {
        DemoCommand.class,
        CompatCommand.class,
        GateCommand.class,
        ImportCommand.class,
        ExportCommand.class,
        InspectCommand.class,
        ScenarioCommand.class,
        QtestCommand.class,
        MachinesCommand.class,
        RecordCommand.class,
        ReplayCommand.class,
        BisectCommand.class,
    };
}
