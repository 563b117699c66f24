package dev.vmtrace.engine.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where real QEMU and the shared real artifacts are, for integration tests. A test that needs QEMU
 * calls {@link #requireQemu()}: it is skipped when QEMU is absent on a developer machine, and fails
 * when {@code CI=true}, so CI cannot go green without having run against the oracle.
 */
public final class RealQemu {
    private RealQemu() {
    }

    /** True when running in CI (the {@code CI} environment variable is {@code true}). */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Path of {@code qemu-system-x86_64}, or null when it is not installed. */
    public static Path findQemu() {
        String override = System.getenv("QEMU");
        if (override != null && !override.isBlank() && Files.isExecutable(Paths.get(override))) {
            return Paths.get(override);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, "qemu-system-x86_64");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The QEMU binary; skips the test without it, or fails it in CI. */
    public static Path requireQemu() {
        Path qemu = findQemu();
        if (qemu == null) {
            if (inCi()) {
                Assertions.fail("qemu-system-x86_64 is required in CI (CI=true); .ci/run installs it");
            }
            Assumptions.abort("qemu-system-x86_64 not installed; real-QEMU test skipped");
        }
        return qemu;
    }

    /** The real QEMU artifacts bundled with the repository ({@code samples/real}). */
    public static Path realDir() {
        return repoDir().resolve("samples").resolve("real");
    }

    /** The script that makes real QEMU artifacts ({@code scripts/capture.sh}). */
    public static Path captureScript() {
        return repoDir().resolve("scripts").resolve("capture.sh");
    }

    /** A file under the shared real-artifact folder; fails (never skips) when it is missing. */
    public static Path realFile(String relative) {
        Path file = realDir().resolve(relative);
        Assertions.assertTrue(Files.isRegularFile(file), "missing real artifact " + file);
        return file;
    }

    /** The repository root. */
    public static Path repoDir() {
        String configured = System.getProperty("vmtrace.repo.dir");
        return (configured != null ? Paths.get(configured) : Paths.get("..")).toAbsolutePath().normalize();
    }
}
