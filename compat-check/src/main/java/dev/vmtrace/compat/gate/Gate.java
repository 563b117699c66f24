package dev.vmtrace.compat.gate;

import dev.vmtrace.compat.check.CompatChecker;
import dev.vmtrace.compat.check.CompatResult;
import dev.vmtrace.compat.check.Finding;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.source.SchemaSources;
import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The release gate: for every artifact (stream or dump) in the baseline directory, compare it
 * with the candidate's artifact of the same name in both directions (old to new, new to old).
 * Every finding not in the allowlist fails the gate, as every unexpected ACPI blob change fails
 * QEMU's table test. {@link #updateBaseline} copies the candidate over the baseline and empties
 * the allowlist.
 */
public final class Gate {
    private Gate() {
    }

    /** Artifact file names in {@code dir}: streams ({@code *.bin}) and dumps ({@code *.json}, {@code *.json.gz}). */
    public static List<String> artifacts(Path dir) throws BadInputException {
        if (!Files.isDirectory(dir)) {
            throw BadInputException.unreadable(dir.toString(), "not a directory", null);
        }
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(Gate::isArtifact).forEach(names::add);
        } catch (IOException e) {
            throw BadInputException.unreadable(dir.toString(), "cannot list: " + e.getMessage(), e);
        }
        return new ArrayList<>(names);
    }

    static boolean isArtifact(String name) {
        return name.endsWith(".bin") || name.endsWith(".json") || name.endsWith(".json.gz");
    }

    /** Runs the gate. */
    public static List<GatePair> run(Path baseline, Path candidate, Allowlist allowlist) throws BadInputException {
        List<GatePair> pairs = new ArrayList<>();
        List<String> candidates = artifacts(candidate);
        for (String name : artifacts(baseline)) {
            if (!candidates.contains(name)) {
                pairs.add(new GatePair(name, "baseline -> candidate", null, List.of(),
                        "the candidate has no " + name));
                continue;
            }
            SchemaSet old = SchemaSources.resolve(baseline.resolve(name).toString());
            SchemaSet neu = SchemaSources.resolve(candidate.resolve(name).toString());
            pairs.add(pair(name, "baseline -> candidate", CompatChecker.check(old, neu), allowlist));
            pairs.add(pair(name, "candidate -> baseline", CompatChecker.check(neu, old), allowlist));
        }
        return pairs;
    }

    /**
     * Compares every artifact of {@code dir} with every other one, in both directions: the
     * migration matrix of a set of configurations (machine types, device sets, releases). Each
     * artifact is read once. A pair's artifact label is {@code SRC -> DST}; allowlist entries name
     * that label.
     */
    public static List<GatePair> allPairs(Path dir, Allowlist allowlist) throws BadInputException {
        List<String> names = artifacts(dir);
        List<SchemaSet> sets = new ArrayList<>(names.size());
        for (String name : names) {
            sets.add(SchemaSources.resolve(dir.resolve(name).toString()));
        }
        List<GatePair> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                if (i != j) {
                    String label = names.get(i) + " -> " + names.get(j);
                    pairs.add(pair(label, "source -> destination", CompatChecker.check(sets.get(i), sets.get(j)), allowlist));
                }
            }
        }
        return pairs;
    }

    private static GatePair pair(String name, String direction, CompatResult r, Allowlist allowlist) {
        List<Boolean> listed = new ArrayList<>();
        for (Finding f : r.findings()) {
            listed.add(allowlist.allows(name, f));
        }
        return new GatePair(name, direction, r, listed, null);
    }

    /** True when every pair passes. */
    public static boolean passes(List<GatePair> pairs) {
        return pairs.stream().allMatch(GatePair::passes);
    }

    /**
     * Makes the candidate the new baseline: copies its artifacts into {@code baseline}, removes
     * baseline artifacts the candidate lacks, and empties {@code allowlist} (if given).
     */
    public static void updateBaseline(Path baseline, Path candidate, Path allowlist) throws IOException, BadInputException {
        Files.createDirectories(baseline);
        List<String> keep = artifacts(candidate);
        for (String name : artifacts(baseline)) {
            if (!keep.contains(name)) {
                Files.delete(baseline.resolve(name));
            }
        }
        for (String name : keep) {
            Files.copy(candidate.resolve(name), baseline.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (allowlist != null) {
            Files.writeString(allowlist, Allowlist.HEADER, StandardCharsets.UTF_8);
        }
    }
}
