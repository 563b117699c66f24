package dev.vmtrace.engine.devices;

import dev.vmtrace.engine.testing.RealQemu;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures a real QEMU 7.2 migration stream of a paused VM ({@code -S}) through the HMP monitor,
 * optionally after switching the PM device's CPU hotplug block to modern mode
 * ({@code qom-set ... cpu-hotplug-legacy false}; {@code -global} of that property crashes 7.2).
 * Streams are cached under {@code target/real-streams/} so a test run captures each once.
 */
public final class StreamCapture {
    private static final Pattern PM_DEVICE = Pattern.compile("(/device\\[\\d+\\]) \\((PIIX4_PM|ICH9-LPC)\\)");

    private StreamCapture() {
    }

    /** The cached or freshly captured stream {@code name} of {@code qemuArgs}. */
    public static Path stream(String name, boolean modernCpuHotplug, List<String> qemuArgs) throws IOException,
            InterruptedException {
        Path dir = Path.of("target", "real-streams");
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".bin").toAbsolutePath();
        if (Files.exists(out) && Files.size(out) > 0) {
            return out;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(RealQemu.requireQemu().toString());
        cmd.addAll(qemuArgs);
        cmd.addAll(List.of("-S", "-nographic", "-nodefaults", "-monitor", "stdio", "-serial", "none"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            InputStream in = p.getInputStream();
            OutputStream os = p.getOutputStream();
            untilPrompt(in);
            if (modernCpuHotplug) {
                String tree = command(os, in, "info qom-tree");
                Matcher m = PM_DEVICE.matcher(tree);
                if (!m.find()) {
                    throw new IOException("no PM device in the QOM tree");
                }
                command(os, in, "qom-set /machine/unattached" + m.group(1) + " cpu-hotplug-legacy false");
            }
            Path tmp = dir.resolve(name + ".tmp").toAbsolutePath();
            command(os, in, "migrate \"exec:cat > " + tmp + "\"");
            boolean done = false;
            for (int i = 0; i < 200 && !done; i++) {
                done = command(os, in, "info migrate").contains("Migration status: completed");
                if (!done) {
                    Thread.sleep(100);
                }
            }
            command(os, in, "quit");
            if (!done) {
                Files.deleteIfExists(tmp);
                throw new IOException("migration of " + name + " did not complete");
            }
            Files.move(tmp, out);
            return out;
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static String command(OutputStream os, InputStream in, String c) throws IOException {
        os.write((c + "\n").getBytes(StandardCharsets.US_ASCII));
        os.flush();
        return c.equals("quit") ? "" : untilPrompt(in);
    }

    private static String untilPrompt(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("QEMU exited: " + sb);
            }
            sb.append((char) c);
            if (sb.length() >= 7 && sb.lastIndexOf("(qemu) ") == sb.length() - 7) {
                return sb.toString();
            }
        }
    }
}
