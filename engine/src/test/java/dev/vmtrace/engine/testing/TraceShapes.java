package dev.vmtrace.engine.testing;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.AccessOutcome;
import dev.vmtrace.engine.memory.Dispatch;
import dev.vmtrace.engine.memory.DispatchKind;
import dev.vmtrace.engine.memory.GuestAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares access <em>shapes</em> (which regions, offsets and sizes an access becomes, and which
 * pieces are refused with which reason) between real QEMU and the engine, for regions whose
 * values the engine does not model. QEMU runs with {@code -trace memory_region_ops_*} and
 * {@code -d guest_errors}; each probe is followed by a marker read of port 0xf00 (unassigned on
 * both PC families) that splits the trace per probe.
 */
public final class TraceShapes {
    private static final String MARKER = "inb 0xf00";
    private static final Pattern OPS = Pattern.compile(
            "memory_region_ops_(?:read|write) cpu \\S+ mr \\S+ addr (0x[0-9a-f]+) value (0x[0-9a-f]+) size (\\d) name '(.*)'");
    private static final Pattern INVALID = Pattern.compile(
            "Invalid (?:read|write) at addr (0x[0-9a-fA-F]+), size (\\d), region '(.*)', reason: (.*)");

    private TraceShapes() {
    }

    /** QEMU's shape of every probe (qtest commands), one string per dispatch. */
    public static List<List<String>> qemuShapes(String machine, List<String> extraArgs, List<String> probes, Path dir)
            throws IOException {
        return qemuShapes(machine, extraArgs, List.of(), probes, dir);
    }

    /** Same, after {@code setup} commands whose trace is ignored (e.g. PCI config writes). */
    public static List<List<String>> qemuShapes(String machine, List<String> extraArgs, List<String> setup,
                                                List<String> probes, Path dir) throws IOException {
        Path log = dir.resolve("trace.log");
        List<String> args = new ArrayList<>(List.of("-M", machine, "-S", "-trace", "memory_region_ops_*",
                "-d", "guest_errors", "-D", log.toString()));
        args.addAll(extraArgs);
        List<String> script = new ArrayList<>(setup);
        script.add(MARKER);
        for (String p : probes) {
            script.add(p);
            script.add(MARKER);
        }
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), args)) {
            q.sendAll(script);
        }
        return parse(log);
    }

    /**
     * Splits a QEMU trace/guest_errors log into per-probe groups at each marker read of 0xf00;
     * everything before the first marker is ignored.
     */
    public static List<List<String>> parse(Path log) throws IOException {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean started = false;
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = OPS.matcher(l);
            if (m.find()) {
                String s = m.group(4) + ":" + m.group(1) + "/" + m.group(3) + "=" + m.group(2);
                if (s.startsWith("io:0xf00/1=")) {
                    if (started) {
                        groups.add(current);
                    }
                    current = new ArrayList<>();
                    started = true;
                } else {
                    current.add(s);
                }
                continue;
            }
            Matcher x = INVALID.matcher(l);
            if (x.find()) {
                // QEMU logs its unassigned region as '(null)'; the engine names it 'unassigned'
                String region = x.group(3).equals("(null)") ? "unassigned" : x.group(3);
                current.add("X " + region + "@" + x.group(1).toLowerCase() + "/" + x.group(2) + "(" + x.group(4) + ")");
            }
        }
        return groups;
    }

    /**
     * The QEMU group in the notation of {@code engine}: trace values are kept where the engine
     * reports one (modeled and unassigned regions) and dropped where it cannot (unmodeled).
     */
    public static List<String> comparable(List<String> qemu, List<String> engine) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < qemu.size(); i++) {
            String q = qemu.get(i);
            boolean engineHasValue = i < engine.size() && engine.get(i).contains("=");
            int eq = q.indexOf('=');
            out.add(engineHasValue || eq < 0 ? q : q.substring(0, eq));
        }
        return out;
    }

    /** {@code group} without piece values: regions, addresses, sizes and refusals only. */
    public static List<String> shapeOnly(List<String> group) {
        List<String> out = new ArrayList<>();
        for (String s : group) {
            int eq = s.indexOf('=');
            out.add(eq < 0 ? s : s.substring(0, eq));
        }
        return out;
    }

    /** The engine's shape of one guest access (with values for modeled and unassigned pieces). */
    public static List<String> engineShape(Machine m, GuestAccess a) {
        AccessOutcome o = m.access(a);
        List<String> out = new ArrayList<>();
        for (Dispatch d : o.dispatches()) {
            if (d.kind() == DispatchKind.DROPPED) {
                out.add(String.format("X %s@0x%x/%d(%s)", d.region(), d.offset(), d.size(), d.reason()));
            } else if (d.kind() == DispatchKind.UNMODELED) {
                out.add(String.format("%s:0x%x/%d", d.region(), d.address(), d.size()));
            } else {
                out.add(String.format("%s:0x%x/%d=0x%x", d.region(), d.address(), d.size(), d.value()));
            }
        }
        return out;
    }
}
