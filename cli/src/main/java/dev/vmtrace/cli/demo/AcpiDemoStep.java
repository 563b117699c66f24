package dev.vmtrace.cli.demo;

import dev.vmtrace.engine.acpi.MachineRamBlocks;
import dev.vmtrace.engine.acpi.RamBlockInfo;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.stream.RamBlock;
import dev.vmtrace.samples.scenario.StoryResult;
import dev.vmtrace.samples.scenario.VariantVerdict;
import dev.vmtrace.samples.scenario.s4.S4AcpiBlobStory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fw_cfg/ACPI model against QEMU 7.2's real streams: the RAM blocks the model gives the same
 * machines (-m 32) equal the streams' block lists; then story S4 (ACPI blobs after an NVDIMM
 * hot-add and reboot) under each variant.
 */
public final class AcpiDemoStep implements DemoStep {
    @Override
    public String title() {
        return "acpi: blob RAM blocks and story S4";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        PrintWriter out = ctx.out();
        List<String> facts = new ArrayList<>();
        boolean ok = true;
        for (String machine : List.of("pc-i440fx-7.2", "pc-q35-7.2")) {
            Path file = ctx.real("mig/" + machine + ".bin");
            MigrationStream s = MigrationStreamReader.read(file);
            Machine m = Machine.build(MachineConfig.parse(machine, null, "32", List.of(), List.of(), Release.DEFAULT,
                    Accel.KVM, null));
            List<RamBlockInfo> model = MachineRamBlocks.of(m);
            int same = 0;
            for (RamBlock b : s.ramBlocks()) {
                RamBlockInfo mine = model.stream().filter(x -> x.name().equals(b.id())).findFirst().orElse(null);
                boolean match = mine != null && mine.usedLength() == b.usedLength();
                same += match ? 1 : 0;
                out.printf("%s %-22s stream 0x%-8x model %s%n", machine, b.id(), b.usedLength(),
                        mine == null ? "absent" : String.format("0x%x (max 0x%x)", mine.usedLength(), mine.maxLength()));
            }
            ok &= same == s.ramBlocks().size() && model.size() == s.ramBlocks().size();
            facts.add(String.format("%s: %d/%d RAM blocks with the stream's used length", machine, same,
                    s.ramBlocks().size()));
        }
        StoryResult r = new S4AcpiBlobStory().run();
        for (VariantVerdict v : r.variants()) {
            String line = String.format("S4 %-26s %s", v.variant(), v.broken() ? "BROKEN: " + v.summary() : "clean");
            out.println(line);
            facts.add(line);
        }
        r.findings().stream().filter(f -> f.isError()).forEach(f -> out.println("  " + f.code() + " " + f.message()));
        ok &= r.asExpected();
        return new StepResult(title(), ok, ok ? "model matches the streams; S4 detected as expected"
                : "mismatch (see above)", facts);
    }
}
