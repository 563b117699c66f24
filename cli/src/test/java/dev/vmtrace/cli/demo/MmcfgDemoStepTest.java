package dev.vmtrace.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MMCONFIG demo step on the bundled script and QEMU's recorded replies. */
class MmcfgDemoStepTest {
    @TempDir
    Path out;

    @Test
    void engineRepliesMatchQemuAndTheWindowMoves() throws Exception {
        Path samples = Path.of(System.getProperty("vmtrace.repo.dir", "..")).resolve("samples");
        StringWriter text = new StringWriter();
        StepResult r = new MmcfgDemoStep().run(new DemoContext(samples, out, new PrintWriter(text, true)));
        assertTrue(r.ok(), text::toString);
        assertEquals("pc-q35-7.2: 331/331 replies identical to QEMU 7.2.22", r.facts().get(0));
        assertEquals("pcie-mmcfg-mmio mapped at 0xb0000000 (256 MiB), 0xe0000000 (64 MiB), 0xd6000000 (128 MiB),"
                + " 0x1f0000000 (256 MiB), 0xf0000000 (256 MiB), 0x1e0000000 (256 MiB)", r.facts().get(1));
    }
}
