package dev.vmtrace.engine.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code qemu-system-x86_64 -qtest stdio} process: sends qtest commands one at a time and
 * returns QEMU's reply to each ({@code OK ...} or {@code FAIL ...}); asynchronous {@code IRQ}
 * lines are set aside. The oracle half of the differential harness.
 */
public final class QemuQtest implements AutoCloseable {
    private static final String EOF_MARK = "\u0000eof";

    private final Process process;
    private final BufferedWriter in;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1 << 16);
    private final List<String> irqLines = new ArrayList<>();

    private QemuQtest(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        Thread pump = new Thread(this::pump, "qemu-qtest-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts QEMU with {@code -qtest stdio -display none -nodefaults} plus {@code extraArgs} (for
     * example {@code -M pc-q35-7.2 -smp 2,maxcpus=4}).
     */
    public static QemuQtest start(Path qemu, List<String> extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(qemu.toString());
        cmd.addAll(extraArgs);
        cmd.addAll(List.of("-qtest", "stdio", "-display", "none", "-nodefaults", "-qtest-log", "/dev/null"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return new QemuQtest(pb.start());
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.put(line);
            }
        } catch (IOException | InterruptedException e) {
            // the process went away; the EOF mark below tells the reader
        } finally {
            lines.offer(EOF_MARK);
        }
    }

    /** Sends one command line and returns its reply line. */
    public String send(String command) throws IOException {
        in.write(command);
        in.write('\n');
        in.flush();
        while (true) {
            String line;
            try {
                line = lines.poll(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for QEMU", e);
            }
            if (line == null) {
                throw new IOException("QEMU did not answer '" + command + "' within 20 s");
            }
            if (line.equals(EOF_MARK)) {
                throw new IOException("QEMU exited before answering '" + command + "'");
            }
            if (line.startsWith("IRQ ")) {
                irqLines.add(line);
                continue;
            }
            return line;
        }
    }

    /** Sends every command and returns the replies in order. */
    public List<String> sendAll(List<String> commands) throws IOException {
        List<String> replies = new ArrayList<>(commands.size());
        for (String c : commands) {
            replies.add(send(c));
        }
        return replies;
    }

    /** IRQ lines seen so far. */
    public List<String> irqLines() {
        return List.copyOf(irqLines);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
