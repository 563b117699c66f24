package dev.vmtrace.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code vmtrace} command: global options and the list of verbs. */
@Command(
        name = "vmtrace",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Record and replay port-IO/MMIO traces of emulated PCs, and check live-migration",
            "compatibility between emulator releases and machine types.",
            "",
            "Exit codes: 0 ok/identical/compatible, 1 divergent/incompatible, 2 usage error,",
            "3 bad input, 4 internal error."
        })
public final class VmtraceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a verb is required");
    }

    /** Builds the command line, with every verb, vmtrace's exit-code mapping and output streams. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, List.of(Verbs.ALL));
    }

    private static CommandLine commandLine(PrintStream out, PrintStream err, List<Class<?>> verbs) {
        CommandLine cl = new CommandLine(new VmtraceCommand());
        for (Class<?> verb : verbs) {
            cl.addSubcommand(verb);
        }
        if (verbs.size() > 1) {
            // a run of one verb never needs the completion script's model (it costs milliseconds)
            cl.addSubcommand(AutoComplete.GenerateCompletion.class);
        }
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine gen = cl.getSubcommands().get("generate-completion");
        if (gen != null) {
            gen.getCommandSpec().usageMessage().hidden(false);
        }
        return cl;
    }

    /**
     * Runs vmtrace with {@code args} and returns the exit code. When the first word names a verb,
     * only that verb is registered: picocli's model of all the verbs costs about 90 ms of every
     * start, which matters for one-shot runs in scripts and CI (issue 8 measures whole processes).
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Class<?> verb = verbNamed(args);
        if (verb == null) {
            return commandLine(out, err, List.of(Verbs.ALL)).execute(args);
        }
        Runnable unused = EarlyStart.begin(verb, args, firstWord(args));
        try {
            return commandLine(out, err, List.of(verb)).execute(args);
        } finally {
            unused.run();
        }
    }

    private static int firstWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return args.length;
    }

    /** The verb class the first non-option word names, or null (help, completion, a typo). */
    static Class<?> verbNamed(String[] args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            for (Class<?> v : Verbs.ALL) {
                if (verbName(v).equals(a)) {
                    return v;
                }
            }
            return null;
        }
        return null;
    }

    /**
     * A verb's name from its class name ({@code GateCommand} is {@code gate}), so that finding the
     * verb reads no annotations: the first one read costs milliseconds that picocli then pays on
     * the prefetch's time. VerbLookupTest checks every verb's {@code @Command} name agrees.
     */
    static String verbName(Class<?> verb) {
        String n = verb.getSimpleName();
        return (n.endsWith("Command") ? n.substring(0, n.length() - "Command".length()) : n).toLowerCase(Locale.ROOT);
    }
}
