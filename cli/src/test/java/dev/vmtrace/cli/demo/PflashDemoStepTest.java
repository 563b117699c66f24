package dev.vmtrace.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pflash demo step on the bundled script and QEMU's recorded replies. */
class PflashDemoStepTest {
    @TempDir
    Path out;

    @Test
    void engineRepliesMatchQemu() throws Exception {
        Path samples = Path.of(System.getProperty("vmtrace.repo.dir", "..")).resolve("samples");
        StringWriter text = new StringWriter();
        StepResult r = new PflashDemoStep().run(new DemoContext(samples, out, new PrintWriter(text, true)));
        assertTrue(r.ok(), text::toString);
        assertEquals("pc-q35-7.2 + 2 pflash drives: 311/311 replies identical to QEMU 7.2.22", r.facts().get(0));
    }
}
