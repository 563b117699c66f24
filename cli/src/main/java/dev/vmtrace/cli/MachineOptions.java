package dev.vmtrace.cli;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.AccessPolicy;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.Release;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The machine options every verb that builds a machine takes (a picocli mixin), spelled as QEMU
 * users spell them: {@code --machine pc-q35-7.2[,smm=on]}, {@code --smp N[,maxcpus=M]},
 * {@code -m SIZE}, {@code --device DRIVER[,k=v...]}, {@code --global DRIVER.PROP=VALUE}, plus
 * {@code --release}, {@code --accel} and {@code --access-policy}.
 */
public final class MachineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-M", "--machine"}, paramLabel = "TYPE[,k=v...]", required = true,
            description = "Machine type and options, e.g. pc-q35-7.2,smm=on (aliases: pc, q35).")
    String machine;

    @Option(names = "--smp", paramLabel = "N[,maxcpus=M]", description = "CPUs present and possible (default 1).")
    String smp;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "RAM size, e.g. 128M, 2G (default 128M; no suffix: MiB).")
    String memory;

    @Option(names = "--device", paramLabel = "DRIVER[,k=v...]", description = "Add a device (repeatable).")
    List<String> devices = new ArrayList<>();

    @Option(names = "--global", paramLabel = "DRIVER.PROP=VALUE", description = "Set a device property globally (repeatable).")
    List<String> globals = new ArrayList<>();

    @Option(names = "--release", paramLabel = "R", defaultValue = "7.2.22",
            description = "QEMU release to behave like, e.g. 2.7, 5.0, 7.2.0 (default: ${DEFAULT-VALUE}).")
    String release;

    @Option(names = "--accel", paramLabel = "tcg|kvm|qtest", defaultValue = "qtest",
            description = "Accelerator: tcg = direct dispatch path, kvm and qtest = buffer path (default: ${DEFAULT-VALUE}).")
    String accel;

    @Option(names = "--access-policy", paramLabel = "strict|lenient",
            description = "Override the release's access-size policy: strict (5.1+) or lenient (1.6..5.0).")
    String accessPolicy;

    /** The parsed configuration; a malformed option is a usage error (exit 2). */
    public MachineConfig config() {
        Release r = Release.parse(release);
        if (r == null) {
            throw usage("--release: '" + release + "' is not X.Y or X.Y.Z");
        }
        Accel a = Accel.parse(accel);
        if (a == null) {
            throw usage("--accel: '" + accel + "' is not tcg, kvm or qtest");
        }
        AccessPolicy p = null;
        if (accessPolicy != null) {
            if (accessPolicy.equalsIgnoreCase("strict")) {
                p = AccessPolicy.STRICT;
            } else if (accessPolicy.equalsIgnoreCase("lenient")) {
                p = AccessPolicy.LENIENT;
            } else {
                throw usage("--access-policy: '" + accessPolicy + "' is not strict or lenient");
            }
        }
        try {
            return MachineConfig.parse(machine, smp, memory, devices, globals, r, a, p);
        } catch (MachineConfigException e) {
            throw usage(e.getMessage());
        }
    }

    /** Builds the machine; an unknown type or unmodeled device is a usage error. */
    public Machine build() {
        MachineConfig c = config();
        try {
            return Machine.build(c);
        } catch (MachineConfigException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
