package dev.vmtrace.cli;

/**
 * The process exit codes: an API that CI systems read. Never a count of anything.
 */
public final class ExitCodes {
    /** Success: identical, compatible, everything detected as expected. */
    public static final int OK = 0;
    /** The answer is "no": divergent replay, incompatible migration, gate failure. */
    public static final int DIVERGENT = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** An input file (trace, stream, dump, script) is malformed. */
    public static final int BAD_INPUT = 3;
    /** A bug in vmtrace. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
