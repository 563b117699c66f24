package dev.vmtrace.cli;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The vmtrace home: the repository root, as the {@code ./vmtrace} launcher passes it. */
final class Home {
    private Home() {
    }

    static Path dir() {
        String home = System.getProperty("vmtrace.home");
        return (home != null ? Paths.get(home) : Paths.get("")).toAbsolutePath().normalize();
    }
}
