package dev.vmtrace.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs human-monitor commands on a paused QEMU and parses {@code info mtree -f}. */
public final class QemuMonitor {
    private static final Pattern RANGE = Pattern.compile(
            "^\\s+([0-9a-f]+)-([0-9a-f]+) \\(prio -?\\d+, [a-z/]+\\): (\\S+)");

    private QemuMonitor() {
    }

    /** The output of {@code commands} on {@code qemu -S -nodefaults ... extraArgs}. */
    public static String run(Path qemu, List<String> extraArgs, String commands) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(qemu.toString(), "-S", "-nodefaults", "-display", "none",
                "-monitor", "stdio"));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write((commands + "\nquit\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * The I/O flat view of {@code info mtree -f} as {@code start-end name} lines, adjacent ranges
     * of the same name merged.
     */
    public static List<String> ioFlatView(String mtree) {
        return flatView(mtree, "AS \"I/O\"");
    }

    /** The memory flat view of {@code info mtree -f}, in the same notation. */
    public static List<String> memoryFlatView(String mtree) {
        return flatView(mtree, "AS \"memory\"");
    }

    private static List<String> flatView(String mtree, String header) {
        List<long[]> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String line : mtree.split("\n")) {
            if (line.contains(header)) {
                in = true;
                continue;
            }
            if (in && line.isBlank()) {
                break;
            }
            Matcher m = in ? RANGE.matcher(line) : null;
            if (m != null && m.find()) {
                ranges.add(new long[] {Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16) + 1});
                names.add(m.group(3));
            }
        }
        return merged(ranges, names);
    }

    /** Merges adjacent ranges of the same name into {@code 0xSTART-0xEND name} lines. */
    public static List<String> merged(List<long[]> ranges, List<String> names) {
        List<String> out = new ArrayList<>();
        long start = -1;
        long end = -1;
        String name = null;
        for (int i = 0; i < ranges.size(); i++) {
            long[] r = ranges.get(i);
            if (name != null && names.get(i).equals(name) && r[0] == end) {
                end = r[1];
                continue;
            }
            if (name != null) {
                out.add(String.format("0x%x-0x%x %s", start, end - 1, name));
            }
            start = r[0];
            end = r[1];
            name = names.get(i);
        }
        if (name != null) {
            out.add(String.format("0x%x-0x%x %s", start, end - 1, name));
        }
        return out;
    }

    /** The engine machine's memory flat view in the form of {@link #memoryFlatView}. */
    public static List<String> engineMemoryFlatView(dev.vmtrace.engine.machine.Machine m) {
        List<long[]> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (dev.vmtrace.engine.memory.FlatRange r : m.memory().flatView().ranges()) {
            ranges.add(new long[] {r.start(), r.end()});
            names.add(r.region().name());
        }
        return merged(ranges, names);
    }
}
