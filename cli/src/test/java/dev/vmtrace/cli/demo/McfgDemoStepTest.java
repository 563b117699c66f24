package dev.vmtrace.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACPI MCFG demo step on the bundled script and QEMU's recorded replies. */
class McfgDemoStepTest {
    @TempDir
    Path out;

    @Test
    void rebuiltTablesMatchQemu() throws Exception {
        Path samples = Path.of(System.getProperty("vmtrace.repo.dir", "..")).resolve("samples");
        StringWriter text = new StringWriter();
        StepResult r = new McfgDemoStep().run(new DemoContext(samples, out, new PrintWriter(text, true)));
        assertTrue(r.ok(), text::toString);
        assertEquals("pc-q35-7.2 tables: FACS DSDT FACP APIC HPET MCFG WAET RSDT (same order as QEMU 7.2.22)",
                r.facts().get(0));
        assertEquals("byte for byte as QEMU: FACS FACP APIC HPET MCFG WAET", r.facts().get(1));
        assertEquals("MCFG: base 0xb0000000, segment 0, buses 0-255", r.facts().get(2));
    }
}
