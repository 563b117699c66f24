package dev.vmtrace.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH entry point that adds the JVM flags Chronicle needs to every fork: JMH starts forks with
 * {@code java -cp}, which ignores the jar manifest's Add-Opens. The flags come from the parent
 * POM (the one definition), filtered into {@code vmtrace-jvm.args}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder opts = new OptionsBuilder().parent(cli).jvmArgsAppend(jvmFlags());
        new Runner(opts.build()).run();
    }

    static String[] jvmFlags() throws IOException {
        try (InputStream in = BenchMain.class.getResourceAsStream("/vmtrace-jvm.args")) {
            if (in == null) {
                throw new IllegalStateException("vmtrace-jvm.args missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
        }
    }
}
