package dev.vmtrace.cli;

import dev.vmtrace.replay.TraceTarget;
import picocli.CommandLine.Option;

/**
 * The engine settings of {@code replay} and {@code bisect}; each one given overrides the trace
 * header's (see {@link TraceTarget}).
 */
public final class ReplayTargetOptions {
    @Option(names = {"-M", "--machine"}, paramLabel = "M",
            description = "Machine type and options, e.g. pc-q35-7.2,smm=on (default: the trace's; on a release "
                    + "without it, that release's newest machine type of the same family).")
    String machine;

    @Option(names = "--smp", paramLabel = "N[,maxcpus=M]", description = "CPUs (default: the trace's).")
    String smp;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "RAM size (default: the trace's).")
    String memory;

    @Option(names = "--release", paramLabel = "R", description = "QEMU release to behave like (default: the trace's).")
    String release;

    @Option(names = "--accel", paramLabel = "A", description = "tcg, kvm or qtest (default: the trace's; tcg if none).")
    String accel;

    @Option(names = "--access-policy", paramLabel = "P",
            description = "strict, lenient or auto (default: what the release implies).")
    String policy;

    /** The target these options describe. */
    public TraceTarget target() {
        return new TraceTarget(machine, smp, memory, release, accel, policy);
    }
}
