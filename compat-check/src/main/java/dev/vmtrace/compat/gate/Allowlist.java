package dev.vmtrace.compat.gate;

import dev.vmtrace.compat.check.Finding;
import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings a change series expects, so the gate lets them pass until the baseline is updated
 * (QEMU's ACPI-test workflow). One entry per line: {@code ARTIFACT CODE PATH}, where ARTIFACT is
 * an artifact file name or {@code *}, CODE a finding code or {@code *}, and PATH a finding path
 * (the rest of the line) ending in {@code *} to match a prefix. {@code #} starts a comment.
 */
public final class Allowlist {
    /** Header written when {@code --update-baseline} empties the file. */
    public static final String HEADER = "# vmtrace gate allowlist: ARTIFACT CODE PATH (PATH may end in *).\n"
            + "# Must be empty at release; --update-baseline empties it.\n";

    private record Entry(String artifact, String code, String path) {
    }

    private final List<Entry> entries;

    private Allowlist(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No entries. */
    public static Allowlist empty() {
        return new Allowlist(List.of());
    }

    /** Reads an allowlist file. */
    public static Allowlist read(Path file) throws BadInputException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BadInputException.unreadable(file.toString(), "cannot read allowlist: " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length != 3) {
                throw BadInputException.atLine(file.toString(), i + 1, "expected ARTIFACT CODE PATH");
            }
            entries.add(new Entry(parts[0], parts[1], parts[2]));
        }
        return new Allowlist(entries);
    }

    /** Number of entries. */
    public int size() {
        return entries.size();
    }

    /** True when {@code f}, found for {@code artifact}, is listed. */
    public boolean allows(String artifact, Finding f) {
        for (Entry e : entries) {
            if ((e.artifact.equals("*") || e.artifact.equals(artifact)) && (e.code.equals("*") || e.code.equals(f.code()))
                    && (e.path.endsWith("*") ? f.path().startsWith(e.path.substring(0, e.path.length() - 1))
                            : e.path.equals(f.path()))) {
                return true;
            }
        }
        return false;
    }

    /** The allowlist line that lists {@code f} for {@code artifact}. */
    public static String lineFor(String artifact, Finding f) {
        return artifact + " " + f.code() + " " + f.path();
    }
}
