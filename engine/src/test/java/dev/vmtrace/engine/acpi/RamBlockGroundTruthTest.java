package dev.vmtrace.engine.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RAM block names, used and max lengths of built machines against {@code info ramblock} of real
 * QEMU 7.2 for the same configuration ({@code -S -monitor stdio}; answers cached under
 * {@code target/ramblock-cache/}). Also checks the parser on the two bundled real examples.
 */
class RamBlockGroundTruthTest {
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\S+)\\s+\\d+ KiB\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s*$");
    private static final String NVDIMM_DEV = "nvdimm,memdev=m0,id=nv0,size=16M";

    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        for (String m : List.of("pc-i440fx-2.0", "pc-i440fx-2.1", "pc-i440fx-7.2", "pc-q35-7.2")) {
            out.add(Arguments.of(m, null, null, List.of(), List.of()));
            out.add(Arguments.of(m, "1,maxcpus=255", null, List.of(), List.of()));
        }
        List<String> nvQemu = List.of("-object", "memory-backend-ram,id=m0,size=16M", "-device", "nvdimm,memdev=m0,id=nv0");
        out.add(Arguments.of("pc,nvdimm=on", null, "32,slots=2,maxmem=1G", nvQemu, List.of(NVDIMM_DEV)));
        out.add(Arguments.of("pc-q35-7.2,nvdimm=on", null, "32,slots=2,maxmem=1G", nvQemu, List.of(NVDIMM_DEV)));
        out.add(Arguments.of("pc-i440fx-2.1,nvdimm=on", "1,maxcpus=255", "32,slots=2,maxmem=1G", nvQemu,
                List.of(NVDIMM_DEV)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} -smp {1} -m {2}")
    @MethodSource("configs")
    void ramBlocksMatchInfoRamblock(String machine, String smp, String mem, List<String> qemuExtra,
                                    List<String> devices) throws Exception {
        List<String> args = new ArrayList<>(List.of("-M", machine));
        if (smp != null) {
            args.addAll(List.of("-smp", smp));
        }
        if (mem != null) {
            args.addAll(List.of("-m", mem));
        }
        args.addAll(qemuExtra);
        List<RamBlockInfo> expected = parse(infoRamblock(args));
        assertFalse(expected.isEmpty(), "QEMU listed no RAM blocks");

        // vmtrace spells -m 32,slots=2 as -m 32 plus the machine option slots=2 (MachineConfig has no slots).
        String engineMachine = machine;
        String engineMem = mem;
        if (mem != null && mem.contains(",")) {
            engineMem = mem.substring(0, mem.indexOf(','));
            engineMachine = machine + ",slots=" + mem.replaceAll(".*slots=(\\d+).*", "$1");
        }
        Machine m = Machine.build(MachineConfig.parse(engineMachine, smp, engineMem, devices, List.of(),
                Release.DEFAULT, Accel.QTEST, null));
        assertEquals(expected, MachineRamBlocks.of(m).stream()
                .map(b -> new RamBlockInfo(b.name(), b.usedLength(), b.maxLength(), false)).toList(),
                "info ramblock of " + String.join(" ", args));
    }

    @org.junit.jupiter.api.Test
    void parsesTheBundledExamples() throws IOException {
        for (String f : List.of("mig/pc-i440fx-7.2.ramblocks.txt", "mig/pc-q35-7.2.ramblocks.txt")) {
            List<RamBlockInfo> l = parse(Files.readString(RealQemu.realFile(f)));
            assertEquals(List.of("pc.ram", "/rom@etc/acpi/tables", "pc.bios", "pc.rom", "/rom@etc/table-loader",
                    "/rom@etc/acpi/rsdp"), l.stream().map(RamBlockInfo::name).toList());
            assertEquals(0x20000, l.get(1).usedLength());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pc-i440fx-7.2", "pc-q35-7.2"})
    void streamBlockListsMatchTheRealStreams(String machine) throws Exception {
        dev.vmtrace.engine.stream.MigrationStream s = dev.vmtrace.engine.stream.MigrationStreamReader.read(
                RealQemu.realFile("mig/" + machine + ".bin"));
        Machine m = Machine.build(MachineConfig.parse(machine, null, "32", List.of(), List.of(), Release.DEFAULT,
                Accel.KVM, null));
        assertEquals(s.ramBlocks(), MachineRamBlocks.streamBlocks(m));
    }

    /** Rows of {@code info ramblock} as (name, used, total); resizability is not shown by QEMU. */
    static List<RamBlockInfo> parse(String text) {
        List<RamBlockInfo> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher mm = ROW.matcher(line.replace("(qemu)", ""));
            if (mm.matches()) {
                out.add(new RamBlockInfo(mm.group(1), Long.parseLong(mm.group(3), 16), Long.parseLong(mm.group(4), 16), false));
            }
        }
        return out;
    }

    /** Runs QEMU paused with the monitor on stdio, or answers from the cache. */
    static String infoRamblock(List<String> args) throws IOException, InterruptedException {
        Path cache = Path.of("target", "ramblock-cache",
                String.join("_", args).replaceAll("[^A-Za-z0-9.=,_-]", "_") + ".txt");
        if (Files.exists(cache)) {
            return Files.readString(cache);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(RealQemu.requireQemu().toString());
        cmd.addAll(args);
        cmd.addAll(List.of("-S", "-display", "none", "-nodefaults", "-monitor", "stdio"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write("info ramblock\nquit\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("QEMU did not quit: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, text);
        return text;
    }
}
