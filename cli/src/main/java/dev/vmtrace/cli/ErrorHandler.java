package dev.vmtrace.cli;

import dev.vmtrace.engine.input.BadInputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps what a verb threw to an exit code and one line on stderr: bad input is 3 with the file
 * and offset or line; a missing input file is 3; anything else is an internal error, 4.
 * {@code --debug} adds the stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        Throwable t = unwrap(ex);
        int code;
        if (t instanceof BadInputException) {
            err.println("vmtrace: bad input: " + t.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (t instanceof NoSuchFileException) {
            err.println("vmtrace: bad input: no such file: " + t.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (t instanceof CommandLine.ParameterException) {
            err.println("vmtrace: " + t.getMessage());
            code = ExitCodes.USAGE;
        } else {
            err.println("vmtrace: internal error: " + t + (GlobalOptions.debug() ? "" : " (run with --debug for details)"));
            code = ExitCodes.INTERNAL;
        }
        if (GlobalOptions.debug()) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof UncheckedIOException || cur instanceof UncheckedBadInput) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }
}
