package dev.vmtrace.engine.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, for checking that vmtrace's HTML reports load in a real browser:
 * the DOM after scripts ran, and the console messages. Skips without Chromium on a developer
 * machine, fails in CI (where .ci/run installs it).
 */
public final class HeadlessChromium {
    /** What a page did when loaded: its DOM after load, and the console lines Chromium logged. */
    public record PageLoad(String dom, List<String> consoleLines) {
        /** Console lines that report errors (uncaught exceptions, console.error, failed loads). */
        public List<String> errors() {
            List<String> out = new ArrayList<>();
            for (String l : consoleLines) {
                if (l.contains("Uncaught") || l.contains(":ERROR:CONSOLE") || l.contains("Failed to load resource")) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    private HeadlessChromium() {
    }

    /** The browser binary, or null. */
    public static Path find() {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            String path = System.getenv("PATH");
            if (path == null) {
                return null;
            }
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Paths.get(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The browser; skips the test without it, or fails it in CI. */
    public static Path require() {
        Path p = find();
        if (p == null) {
            if (RealQemu.inCi()) {
                Assertions.fail("chromium is required in CI (CI=true); .ci/run installs it");
            }
            Assumptions.abort("chromium not installed; browser test skipped");
        }
        return p;
    }

    /** Loads {@code page} (a local file) headless, with no network, and returns DOM and console. */
    public static PageLoad load(Path browser, Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("vmtrace-chromium");
        Path errLog = Files.createTempFile("vmtrace-chromium", ".log");
        try {
            List<String> cmd = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--dump-dom",
                    page.toAbsolutePath().toUri().toString());
            Process p = new ProcessBuilder(cmd).redirectError(errLog.toFile()).start();
            byte[] dom = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish loading " + page);
            }
            List<String> console = new ArrayList<>();
            for (String l : Files.readAllLines(errLog, StandardCharsets.UTF_8)) {
                if (l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Failed to load resource")) {
                    console.add(l);
                }
            }
            return new PageLoad(new String(dom, StandardCharsets.UTF_8), console);
        } finally {
            Files.deleteIfExists(errLog);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
