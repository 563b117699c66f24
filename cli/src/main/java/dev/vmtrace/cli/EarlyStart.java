package dev.vmtrace.cli;

import dev.vmtrace.trace.TraceFiles;
import java.util.Set;

/**
 * Work a verb can begin on other cores before picocli has parsed its command line: building
 * picocli's model of a verb costs about 60 ms of one core, a fair share of a short run. Whatever
 * starts here is free of side effects and is redone or ignored if the parsed command does not
 * want it, so a wrong guess costs CPU time only.
 */
final class EarlyStart {
    /** Verbs that open or create a Chronicle queue trace. */
    private static final Set<Class<?>> TRACE_VERBS = Set.of(ImportCommand.class, RecordCommand.class,
            ExportCommand.class, InspectCommand.class, ReplayCommand.class, BisectCommand.class);

    private EarlyStart() {
    }

    /**
     * Begins the early work of {@code verb} (named at {@code args[verbAt]}); the returned action
     * drops whatever the run did not use.
     */
    static Runnable begin(Class<?> verb, String[] args, int verbAt) {
        if (verb == CompatCommand.class) {
            CompatCommand.INPUTS.start(args, verbAt + 1, 2);
            return CompatCommand.INPUTS::clear;
        }
        if (TRACE_VERBS.contains(verb)) {
            TraceFiles.warmUpInBackground();
        }
        return () -> { };
    }
}
