package dev.vmtrace.cli;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.qtest.QtestAbortException;
import dev.vmtrace.engine.qtest.QtestSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vmtrace qtest}: runs QEMU qtest commands on the engine and prints exactly the replies
 * {@code qemu-system-x86_64 -M M -qtest stdio} prints (IRQ lines aside).
 */
@Command(name = "qtest", mixinStandardHelpOptions = true,
        description = {"Run QEMU qtest commands (outb/inw/readq/write/clock_step...) on the emulator core and",
            "print QEMU's replies, one per command. Reads SCRIPT, or stdin without one.",
            "A command QEMU 7.2 aborts on stops the run with exit code 3."})
public final class QtestCommand implements Callable<Integer> {
    /** Cap on a script's size. */
    static final long MAX_SCRIPT = 256L << 20;

    @Spec
    CommandSpec spec;

    @Mixin
    MachineOptions machine;

    @Parameters(arity = "0..1", paramLabel = "SCRIPT", description = "qtest script (default: stdin).")
    Path script;

    @Override
    public Integer call() throws Exception {
        Machine m = machine.build();
        String source = script == null ? "<stdin>" : script.toString();
        byte[] bytes = script == null ? readCapped(System.in, source) : readFile(script);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        PrintWriter out = spec.commandLine().getOut();
        QtestSession session = new QtestSession(m);
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break;
            }
            String cmd = text.substring(start, nl);
            start = nl + 1;
            try {
                out.println(session.process(cmd));
            } catch (QtestAbortException e) {
                out.flush();
                throw e.toBadInput(source);
            }
        }
        if (start < text.length()) {
            // QEMU only acts on complete lines; an unterminated last line gets no reply.
            spec.commandLine().getErr().println("vmtrace: " + source + ": last line has no newline; QEMU ignores it");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static byte[] readFile(Path p) throws BadInputException {
        try {
            if (Files.size(p) > MAX_SCRIPT) {
                throw BadInputException.unreadable(p.toString(), "script larger than " + MAX_SCRIPT + " bytes", null);
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw BadInputException.unreadable(p.toString(), "cannot read script: " + e.getMessage(), e);
        }
    }

    private static byte[] readCapped(InputStream in, String source) throws BadInputException {
        try {
            byte[] b = in.readNBytes((int) MAX_SCRIPT + 1);
            if (b.length > MAX_SCRIPT) {
                throw BadInputException.unreadable(source, "script larger than " + MAX_SCRIPT + " bytes", null);
            }
            return b;
        } catch (IOException e) {
            throw BadInputException.unreadable(source, "cannot read script: " + e.getMessage(), e);
        }
    }
}
