package dev.vmtrace.compat.groundtruth;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real QEMU through {@code scripts/capture.sh}: makes a stream per configuration and loads a
 * stream into a destination configuration. Both results are cached under
 * {@code target/groundtruth/}, keyed by a hash of the QEMU arguments, so reruns are fast.
 */
final class QemuRuns {
    /** What QEMU said when loading a stream. */
    record Load(boolean ok, String lastSection, List<String> errors) {
    }

    private final Path cache;

    QemuRuns(Path cache) {
        this.cache = cache;
    }

    /** Configuration name -> QEMU arguments, from a {@code NAME | ARGS} file. */
    static Map<String, List<String>> configs(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", 2);
            out.put(parts[0].trim(), List.of(parts[1].trim().split("\\s+")));
        }
        return out;
    }

    /** The stream of a configuration, made by QEMU on first use. */
    Path stream(String name, List<String> args) throws IOException, InterruptedException {
        Path out = cache.resolve("streams").resolve(name + "-" + hash(args) + ".bin");
        Files.createDirectories(out.getParent());
        if (Files.isRegularFile(out) && Files.size(out) > 0) {
            return out;
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        // capture.sh gives QEMU fixed seconds to migrate; on a loaded machine a stream can come out
        // cut short, so a stream is kept only when it parses completely, with one retry.
        for (int attempt = 0; attempt < 2; attempt++) {
            Files.deleteIfExists(tmp);
            List<String> cmd = new ArrayList<>(List.of("bash", RealQemu.captureScript().toString(), "stream",
                    tmp.toString(), "--"));
            cmd.addAll(args);
            run(cmd);
            if (Files.isRegularFile(tmp) && Files.size(tmp) > 0 && parses(tmp)) {
                Files.move(tmp, out);
                return out;
            }
        }
        throw new IOException("QEMU made no complete stream for " + name + " " + args);
    }

    private static boolean parses(Path stream) {
        try {
            MigrationStreamReader.read(stream);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    /** QEMU's verdict for loading {@code stream} with destination arguments {@code args}. */
    Load load(Path stream, List<String> args) throws IOException, InterruptedException {
        List<String> key = new ArrayList<>(args);
        key.add(stream.getFileName().toString());
        key.add(Integer.toHexString(Files.readString(RealQemu.captureScript()).hashCode())); // a new script, new answers
        Path out = cache.resolve("loads").resolve(hash(key) + ".txt");
        Files.createDirectories(out.getParent());
        List<String> lines;
        if (Files.isRegularFile(out)) {
            lines = Files.readAllLines(out);
        } else {
            List<String> cmd = new ArrayList<>(List.of("bash", RealQemu.captureScript().toString(), "load",
                    stream.toString(), "--"));
            cmd.addAll(args);
            lines = run(cmd);
            if (lines.isEmpty() || lines.get(0).equals("UNKNOWN")) {
                lines = run(cmd); // QEMU did not answer in capture.sh's time on a loaded machine: once more
            }
            if (!lines.isEmpty() && !lines.get(0).equals("UNKNOWN")) {
                Files.write(out, lines);
            }
        }
        String last = null;
        List<String> errors = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("last-section: ")) {
                last = l.substring("last-section: ".length()).trim();
            } else if (l.startsWith("error: ")) {
                errors.add(l.substring("error: ".length()));
            }
        }
        if (lines.isEmpty() || !(lines.get(0).equals("OK") || lines.get(0).equals("FAIL"))) {
            throw new IOException("QEMU load gave no verdict: " + lines);
        }
        return new Load(lines.get(0).equals("OK"), last, errors);
    }

    private static List<String> run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        List<String> lines = new ArrayList<>();
        for (String l : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.trim());
            }
        }
        return lines;
    }

    static String hash(List<String> parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
