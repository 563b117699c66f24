package dev.vmtrace.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;

/** What a demo step gets: where the samples are, where reports go, where to print. */
public record DemoContext(Path samples, Path outDir, PrintWriter out) {
    /** A file under the bundled real QEMU artifacts ({@code samples/real}). */
    public Path real(String relative) {
        return samples.resolve("real").resolve(relative);
    }
}
