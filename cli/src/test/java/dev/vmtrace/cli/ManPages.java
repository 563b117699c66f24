package dev.vmtrace.cli;

import java.io.File;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes AsciiDoc man page sources for vmtrace and every verb (run by {@code mvn -Pman}). The
 * verbs are added at run time, so the generator is given the assembled command, not the class.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws Exception {
        File outdir = new File(args.length > 0 ? args[0] : "target/generated-docs");
        CommandLine cl = VmtraceCommand.commandLine(System.out, new PrintStream(System.err, true, "UTF-8"));
        int rc = ManPageGenerator.generateManPage(outdir, null, new boolean[0], true, cl.getCommandSpec());
        if (rc != 0) {
            throw new IllegalStateException("man page generator exited " + rc);
        }
    }
}
