package dev.vmtrace.engine.testing;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.qtest.QtestSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one qtest script on real QEMU and on the engine's {@link QtestSession} and compares every
 * reply. QEMU runs paused ({@code -S}) so firmware cannot change device state under the script,
 * with {@code -M machine} plus the extra arguments; the engine gets the same machine options.
 *
 * <p>The engine runs with the KVM accelerator: qtest port I/O takes the buffer path under every
 * accelerator, and the Debian QEMU 7.2 build has no qtest accelerator ({@code -accel qtest} is
 * invalid), so {@code clock_step}/{@code clock_set} are unknown commands there, as they are for
 * the engine under KVM.
 *
 * <p>Device helpers: write a script for your protocol (one command per line) and call
 * {@link #compare}, or extend {@link QtestScriptGenerator} with your ports.
 */
public final class DifferentialHarness {
    private final String machine;
    private final String smp;
    private final List<String> machineExtra;

    /** A harness for {@code machine} (e.g. {@code pc-q35-7.2,smm=on}) and optional {@code smp} ("2,maxcpus=4"). */
    public DifferentialHarness(String machine, String smp) {
        this.machine = machine;
        this.smp = smp;
        this.machineExtra = List.of();
    }

    /** The result of one comparison. */
    public record Result(List<String> commands, List<String> qemu, List<String> engine, int firstMismatch) {
        /** True when every reply matched. */
        public boolean identical() {
            return firstMismatch < 0;
        }

        /** A one-paragraph report of the first mismatch (or "identical"). */
        public String report() {
            if (identical()) {
                return "identical (" + commands.size() + " commands)";
            }
            int i = firstMismatch;
            return String.format("first mismatch at command %d: '%s'%n  qemu:   %s%n  engine: %s", i + 1,
                    commands.get(i), qemu.get(i), i < engine.size() ? engine.get(i) : "<none>");
        }
    }

    /** Builds the engine machine the harness compares against. */
    public Machine engineMachine() {
        return Machine.build(MachineConfig.parse(machine, smp, null, List.of(), List.of(), Release.DEFAULT, Accel.KVM,
                null));
    }

    /** Runs {@code commands} on both sides and compares the replies. */
    public Result compare(List<String> commands) throws IOException {
        List<String> args = new ArrayList<>(List.of("-M", machine, "-S"));
        if (smp != null) {
            args.add("-smp");
            args.add(smp);
        }
        args.addAll(machineExtra);
        List<String> qemuReplies;
        Path qemu = RealQemu.requireQemu();
        try (QemuQtest q = QemuQtest.start(qemu, args)) {
            qemuReplies = q.sendAll(commands);
        }
        QtestSession session = new QtestSession(engineMachine());
        List<String> engineReplies = new ArrayList<>();
        int mismatch = -1;
        for (int i = 0; i < commands.size(); i++) {
            String reply = session.replyOrAbort(commands.get(i));
            engineReplies.add(reply);
            if (mismatch < 0 && !reply.equals(qemuReplies.get(i))) {
                mismatch = i;
            }
        }
        return new Result(List.copyOf(commands), qemuReplies, engineReplies, mismatch);
    }

    /** Reads a script resource next to this class (one command per line, blank lines skipped). */
    public static List<String> script(String resource) throws IOException {
        try (InputStream in = DifferentialHarness.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing script resource " + resource);
            }
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            return out;
        }
    }
}
