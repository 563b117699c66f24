package dev.vmtrace.trace.qtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.testing.QemuQtest;
import dev.vmtrace.engine.testing.RealQemu;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceWriter;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.Inputs;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential check of {@code export --to qtest}: the CPU-hotplug accesses of the real OVMF boot
 * trace (legacy switch, selects, commands, reads), exported as a qtest script and replayed on real
 * QEMU, read back exactly the values QEMU gave during the boot.
 */
class QtestExportOnRealQemuTest {
    @TempDir
    Path tmp;

    @Test
    void cpuHotplugAccessesOfTheOvmfBootReplayOnQemuWithTheSameReads() throws Exception {
        Path qemu = RealQemu.requireQemu();
        Path full = tmp.resolve("full");
        try (InputStream in = Inputs.open(RealQemu.realDir().resolve("trace/ovmf-q35-smp2-max4.devices.log.gz"), null);
             TraceWriter w = TraceWriter.createFile(full, TraceHeader.of("t", "pc-q35-7.2", "7.2.22", "tcg", 2, Map.of()))) {
            new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22").importTo(in, "ovmf", w);
        }
        // Keep the guest accesses whose dispatches went to acpi-cpu-hotplug.
        List<GuestAccess> cpuhp = new ArrayList<>();
        try (TraceReader r = TraceReader.open(full)) {
            GuestAccess last = null;
            while (r.hasNext()) {
                TraceEvent e = r.next();
                if (e instanceof GuestAccess) {
                    last = (GuestAccess) e;
                } else if (e instanceof Dispatch && last != null && ((Dispatch) e).accessSeq() == last.seq()) {
                    RegionDefined reg = r.region(((Dispatch) e).region());
                    if (reg != null && reg.name().equals("acpi-cpu-hotplug")) {
                        cpuhp.add(last);
                    }
                    last = null;
                }
            }
        }
        assertEquals(21, cpuhp.size(), "legacy switch (inferred) + 20 modern accesses");
        Path sub = tmp.resolve("cpuhp");
        try (TraceWriter w = TraceWriter.createFile(sub, TraceHeader.of("t", "pc-q35-7.2", "7.2.22", "tcg", 2, Map.of()))) {
            for (GuestAccess a : cpuhp) {
                w.append(a);
            }
        }
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        try (TraceReader r = TraceReader.open(sub)) {
            QtestExporter.export(r, script);
        }
        List<String> commands = Arrays.asList(script.toString(StandardCharsets.US_ASCII).split("\n"));
        assertEquals("outl 0xcd8 0x0", commands.get(0));
        List<String> replies;
        try (QemuQtest q = QemuQtest.start(qemu, List.of("-M", "pc-q35-7.2", "-smp", "2,maxcpus=4"))) {
            replies = q.sendAll(commands);
        }
        int reads = 0;
        for (int i = 0; i < cpuhp.size(); i++) {
            GuestAccess a = cpuhp.get(i);
            String reply = replies.get(i);
            assertTrue(reply.startsWith("OK"), commands.get(i) + " -> " + reply);
            if (a.direction() == Direction.READ) {
                reads++;
                assertEquals(a.value(), Long.decode(reply.substring(3).trim()), commands.get(i));
            }
        }
        assertTrue(reads >= 8, "reads compared: " + reads);
    }
}
