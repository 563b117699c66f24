package dev.vmtrace.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every verb accepts. */
public final class GlobalOptions {
    private static volatile boolean debug;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    void setDebug(boolean value) {
        debug = value;
    }

    /** True when {@code --debug} was given anywhere on the command line. */
    public static boolean debug() {
        return debug;
    }
}
