package dev.vmtrace.engine.machine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to build a {@link Machine}, spelled as QEMU users spell it:
 * {@code pc-q35-7.2,smm=on}, {@code 2,maxcpus=4}, {@code 128M}, {@code DRIVER,k=v},
 * {@code DRIVER.PROP=VALUE}, plus the release, accelerator and an optional policy override.
 *
 * @param machine the machine type name as given (alias or full name)
 * @param machineOptions the options after the name ({@code smm}, {@code nvdimm}...)
 * @param cpus the number of CPUs present at start
 * @param maxCpus the number of possible CPUs
 * @param memoryBytes the RAM size in bytes
 * @param devices extra devices
 * @param globals global property overrides
 * @param release the QEMU release to behave like
 * @param accel the accelerator (dispatch path)
 * @param policyOverride an access policy overriding the release's, or null
 */
public record MachineConfig(String machine, Map<String, String> machineOptions, int cpus, int maxCpus,
                            long memoryBytes, List<DeviceOption> devices, List<GlobalOption> globals,
                            Release release, Accel accel, AccessPolicy policyOverride) {
    /** QEMU's default RAM size (128 MiB). */
    public static final long DEFAULT_MEMORY = 128L << 20;
    /** A cap on configured CPUs (QEMU's q35 limit is 288 in 7.2; we allow up to 1024). */
    public static final int MAX_CPUS = 1024;

    /** Validates and copies. */
    public MachineConfig {
        Objects.requireNonNull(machine, "machine");
        machineOptions = Map.copyOf(machineOptions);
        devices = List.copyOf(devices);
        globals = List.copyOf(globals);
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(accel, "accel");
        if (cpus < 1 || maxCpus < cpus || maxCpus > MAX_CPUS) {
            throw new MachineConfigException("bad CPU counts: cpus=" + cpus + " maxcpus=" + maxCpus);
        }
        if (memoryBytes <= 0) {
            throw new MachineConfigException("memory size must be positive");
        }
    }

    /** A default configuration of {@code machine} (1 CPU, 128 MiB, release 7.2.22, qtest). */
    public static MachineConfig of(String machine) {
        return parse(machine, null, null, List.of(), List.of(), Release.DEFAULT, Accel.QTEST, null);
    }

    /**
     * Parses the QEMU spellings. {@code smp}, {@code memory} may be null for defaults.
     *
     * @throws MachineConfigException when an option is malformed
     */
    public static MachineConfig parse(String machine, String smp, String memory, List<String> devices,
                                      List<String> globals, Release release, Accel accel, AccessPolicy policy) {
        if (machine == null || machine.isBlank()) {
            throw new MachineConfigException("--machine is required");
        }
        String[] mparts = machine.split(",", -1);
        Map<String, String> mopts = keyValues(mparts, 1, "--machine");
        int cpus = 1;
        int maxCpus = -1;
        if (smp != null) {
            String[] sp = smp.split(",", -1);
            int start = 0;
            if (!sp[0].contains("=")) {
                cpus = parseCount(sp[0], "--smp");
                start = 1;
            }
            Map<String, String> so = keyValues(sp, start, "--smp");
            for (Map.Entry<String, String> e : so.entrySet()) {
                switch (e.getKey()) {
                    case "cpus":
                        cpus = parseCount(e.getValue(), "--smp cpus");
                        break;
                    case "maxcpus":
                        maxCpus = parseCount(e.getValue(), "--smp maxcpus");
                        break;
                    case "sockets":
                    case "cores":
                    case "threads":
                    case "dies":
                        parseCount(e.getValue(), "--smp " + e.getKey());
                        break;
                    default:
                        throw new MachineConfigException("--smp: unknown option '" + e.getKey() + "'");
                }
            }
        }
        if (maxCpus < 0) {
            maxCpus = cpus;
        }
        if (maxCpus < cpus) {
            throw new MachineConfigException("--smp: maxcpus (" + maxCpus + ") must be at least cpus (" + cpus + ")");
        }
        long mem = memory == null ? DEFAULT_MEMORY : parseSize(memory);
        List<DeviceOption> devs = new ArrayList<>();
        for (String d : devices) {
            String[] dp = d.split(",", -1);
            if (dp[0].isEmpty() || dp[0].contains("=")) {
                throw new MachineConfigException("--device '" + d + "': the driver name comes first");
            }
            devs.add(new DeviceOption(dp[0], keyValues(dp, 1, "--device " + dp[0])));
        }
        List<GlobalOption> globs = new ArrayList<>();
        for (String g : globals) {
            int eq = g.indexOf('=');
            int dot = g.indexOf('.');
            if (eq < 0 || dot <= 0 || dot > eq || dot == eq - 1) {
                throw new MachineConfigException("--global '" + g + "': expected DRIVER.PROP=VALUE");
            }
            globs.add(new GlobalOption(g.substring(0, dot), g.substring(dot + 1, eq), g.substring(eq + 1)));
        }
        return new MachineConfig(mparts[0], mopts, cpus, maxCpus, mem, devs, globs, release, accel, policy);
    }

    private static Map<String, String> keyValues(String[] parts, int from, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = from; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new MachineConfigException(what + ": expected key=value, got '" + parts[i] + "'");
            }
            out.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return out;
    }

    private static int parseCount(String s, String what) {
        try {
            int n = Integer.parseInt(s);
            if (n < 1 || n > MAX_CPUS) {
                throw new MachineConfigException(what + ": " + n + " is out of range 1.." + MAX_CPUS);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MachineConfigException(what + ": '" + s + "' is not a number");
        }
    }

    /** Parses a QEMU size ({@code 512}, {@code 512M}, {@code 2G}, {@code 1T}; no suffix means MiB). */
    public static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("SIZE=")) {
            t = t.substring(5);
        }
        if (t.isEmpty()) {
            throw new MachineConfigException("-m: empty size");
        }
        long unit = 1L << 20;
        char last = t.charAt(t.length() - 1);
        int shift = "BKMGT".indexOf(last);
        if (shift >= 0) {
            unit = shift == 0 ? 1 : 1L << (10 * shift);
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v > 0) || v * unit > (double) (1L << 50)) {
                throw new MachineConfigException("-m: size '" + s + "' is out of range");
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new MachineConfigException("-m: '" + s + "' is not a size");
        }
    }

    /** The policy in force: the override, or what the release implies. */
    public AccessPolicy policy() {
        return policyOverride != null ? policyOverride : release.impliedPolicy();
    }

    /** A machine option ({@code smm}...), or {@code fallback}. */
    public String machineOption(String key, String fallback) {
        return machineOptions.getOrDefault(key, fallback);
    }

    /** The same configuration with another accelerator. */
    public MachineConfig withAccel(Accel a) {
        return new MachineConfig(machine, machineOptions, cpus, maxCpus, memoryBytes, devices, globals, release, a,
                policyOverride);
    }
}
