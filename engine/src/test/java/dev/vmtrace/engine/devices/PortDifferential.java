package dev.vmtrace.engine.devices;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.testing.QemuQtest;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A port-I/O-only differential runner for the device tests: runs {@code in*}/{@code out*} qtest
 * commands on a paused real QEMU 7.2 and on an engine machine (KVM accelerator: qtest port I/O
 * takes the buffer path) and compares every reply. It stands in for the engine's full
 * {@code DifferentialHarness} until that is on main; the replies are formatted as QEMU 7.2's
 * qtest formats them ({@code OK 0x%04x} for reads, {@code OK} for writes).
 */
public final class PortDifferential {
    private final String machine;
    private final String smp;
    private final List<String> globals;

    /** A runner for {@code machine} (with options) and {@code smp} (null for 1 CPU). */
    public PortDifferential(String machine, String smp) {
        this(machine, smp, List.of());
    }

    /** A runner that also passes {@code -global DRIVER.PROP=VALUE} for each of {@code globals}. */
    public PortDifferential(String machine, String smp, List<String> globals) {
        this.machine = machine;
        this.smp = smp;
        this.globals = List.copyOf(globals);
    }

    /** Builds the engine side. */
    public Machine engine() {
        return Machine.build(MachineConfig.parse(machine, smp, null, List.of(), globals, Release.DEFAULT, Accel.KVM,
                null));
    }

    /** Runs {@code script} on both; returns null when identical, else a report of the first mismatch. */
    public String compare(List<String> script) throws IOException {
        List<String> args = new ArrayList<>(List.of("-M", machine, "-S"));
        if (smp != null) {
            args.add("-smp");
            args.add(smp);
        }
        for (String g : globals) {
            args.add("-global");
            args.add(g);
        }
        List<String> qemu;
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), args)) {
            qemu = q.sendAll(script);
        }
        Machine m = engine();
        for (int i = 0; i < script.size(); i++) {
            String mine = run(m, script.get(i));
            if (!mine.equals(qemu.get(i))) {
                return String.format("%s smp %s: command %d '%s': qemu '%s', vmtrace '%s'", machine, smp, i + 1,
                        script.get(i), qemu.get(i), mine);
            }
        }
        return null;
    }

    /** Executes one {@code inX PORT} / {@code outX PORT VALUE} command on {@code m}. */
    public static String run(Machine m, String command) {
        String[] w = command.split(" ");
        int size = sizeOf(w[0].charAt(w[0].length() - 1));
        long port = Long.decode(w[1]);
        if (w[0].startsWith("in")) {
            return String.format("OK 0x%04x", m.in(port, size, -1, AccessSink.DISCARD));
        }
        m.out(port, Long.decode(w[2]), size, -1, AccessSink.DISCARD);
        return "OK";
    }

    private static int sizeOf(char c) {
        return c == 'b' ? 1 : c == 'w' ? 2 : 4;
    }

    /**
     * {@code count} random port accesses inside {@code [first, last]} (no access runs past
     * {@code last}), with writes drawn from {@code values} when it is non-empty.
     */
    public static List<String> random(long seed, int count, long first, long last, long... values) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            int size = new int[] {1, 2, 4}[r.nextInt(3)];
            long port = first + r.nextLong(last - first + 1);
            if (port + size - 1 > last) {
                continue;
            }
            char c = size == 1 ? 'b' : size == 2 ? 'w' : 'l';
            if (r.nextBoolean()) {
                out.add(String.format("in%c 0x%x", c, port));
            } else {
                long mask = size == 4 ? 0xffffffffL : (1L << (8 * size)) - 1;
                long v = values.length > 0 && r.nextInt(4) != 0 ? values[r.nextInt(values.length)] : r.nextLong();
                out.add(String.format("out%c 0x%x 0x%x", c, port, v & mask));
            }
        }
        return out;
    }
}
