package dev.vmtrace.replay;

import dev.vmtrace.engine.machine.AccessPolicy;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineCatalog;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.MachineType;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.trace.TraceHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine configuration to replay a trace on: each setting given explicitly wins, the rest
 * comes from the trace header (recorded traces carry the full machine spelling in their options;
 * imported ones the machine type and release; an empty accelerator means TCG, QEMU's default).
 *
 * @param machine {@code --machine} or null
 * @param smp {@code --smp} or null
 * @param memory {@code -m} or null
 * @param release {@code --release} or null
 * @param accel {@code --accel} or null
 * @param policy {@code --access-policy} or null
 */
public record TraceTarget(String machine, String smp, String memory, String release, String accel, String policy) {
    /** Nothing overridden: everything from the header. */
    public static final TraceTarget HEADER = new TraceTarget(null, null, null, null, null, null);

    /** The same target with {@code key} (release, accel, machine, policy, smp) set to {@code value}. */
    public TraceTarget with(String key, String value) {
        switch (key) {
            case "release": return new TraceTarget(machine, smp, memory, value, accel, policy);
            case "accel": return new TraceTarget(machine, smp, memory, release, value, policy);
            case "machine": return new TraceTarget(value, smp, memory, release, accel, policy);
            case "policy":
            case "access-policy": return new TraceTarget(machine, smp, memory, release, accel, value);
            case "smp": return new TraceTarget(machine, value, memory, release, accel, policy);
            default: throw new MachineConfigException("unknown setting '" + key
                    + "' (expected release, accel, machine, policy or smp)");
        }
    }

    /**
     * Resolves against {@code h}.
     *
     * @throws MachineConfigException when a setting is malformed or unknown
     */
    public MachineConfig resolve(TraceHeader h) {
        String m = machine != null ? machine : h.options().getOrDefault("machine", h.machineType());
        if (m == null || m.isEmpty()) {
            throw new MachineConfigException("the trace does not name its machine type: give --machine");
        }
        String s = smp != null ? smp : h.options().get("smp");
        if (s == null && h.cpuCount() > 0) {
            s = Integer.toString(h.cpuCount());
        }
        String mem = memory != null ? memory : h.options().get("memory");
        String r = release != null ? release : h.release();
        Release rel = r == null || r.isEmpty() ? Release.DEFAULT : Release.parse(r);
        if (rel == null) {
            throw new MachineConfigException("release '" + r + "' is not X.Y or X.Y.Z");
        }
        String a = accel != null ? accel : h.accelerator();
        Accel ac = a == null || a.isEmpty() ? Accel.TCG : Accel.parse(a);
        if (ac == null) {
            throw new MachineConfigException("accelerator '" + a + "' is not tcg, kvm or qtest");
        }
        String p = policy != null ? policy : h.options().get("access-policy");
        AccessPolicy ap = null;
        if (p != null && !p.isEmpty() && !p.equals("auto")) {
            try {
                ap = AccessPolicy.valueOf(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MachineConfigException("access policy '" + p + "' is not strict, lenient or auto");
            }
        }
        if (machine == null) {
            m = sameFamily(m, rel);
        }
        List<String> devices = split(h.options().get("device"));
        List<String> globals = split(h.options().get("global"));
        return MachineConfig.parse(m, s, mem, devices, globals, rel, ac, ap);
    }

    /**
     * The trace's machine type if {@code rel} has it, else the newest machine type of the same
     * family that {@code rel} offers (a 7.2 trace replayed "on release 5.1" runs on pc-q35-5.1).
     */
    static String sameFamily(String spelled, Release rel) {
        int comma = spelled.indexOf(',');
        String name = comma < 0 ? spelled : spelled.substring(0, comma);
        String opts = comma < 0 ? "" : spelled.substring(comma);
        MachineCatalog cat = MachineCatalog.standard();
        if (cat.resolve(name, rel) != null) {
            return spelled;
        }
        String alias = name.startsWith("pc-q35") || name.equals("q35") ? "q35"
                : name.startsWith("pc-i440fx") || name.equals("pc") ? "pc" : null;
        MachineType t = alias == null ? null : cat.resolve(alias, rel);
        return t == null ? spelled : t.name() + opts;
    }

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        if (v != null && !v.isEmpty()) {
            for (String x : v.split(";")) {
                out.add(x);
            }
        }
        return out;
    }
}
