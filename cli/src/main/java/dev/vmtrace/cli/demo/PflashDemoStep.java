package dev.vmtrace.cli.demo;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.qtest.QtestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PC system flash (CFI pflash): runs {@code samples/qtest/pflash.qtest} on pc-q35-7.2 with two
 * generated flash images of OVMF's 4M sizes and compares each reply with real QEMU 7.2.22's
 * ({@code pflash.pc-q35-7.2.replies}, recorded with the same images as {@code -drive if=pflash}).
 */
public final class PflashDemoStep implements DemoStep {
    /** flash0 (code) size of OVMF's 4M build; the script's addresses assume it. */
    static final int CODE_SIZE = 0x37c000;
    /** flash1 (variable store) size of OVMF's 4M build. */
    static final int VARS_SIZE = 0x84000;

    @Override
    public String title() {
        return "pflash: CFI system flash vs QEMU 7.2";
    }

    /**
     * Image {@code unit}'s bytes: byte i is {@code i ^ (i >> 8) ^ (0x5a * unit)}, low 8 bits (the
     * replies were recorded from images made the same way).
     */
    static byte[] image(int unit, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i ^ (i >> 8) ^ (0x5a * unit));
        }
        return b;
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        Path dir = ctx.samples().resolve("qtest");
        List<String> script = Files.readAllLines(dir.resolve("pflash.qtest"), StandardCharsets.US_ASCII);
        List<String> qemu = Files.readAllLines(dir.resolve("pflash.pc-q35-7.2.replies"), StandardCharsets.US_ASCII);
        Path images = Files.createDirectories(ctx.outDir().resolve("pflash"));
        Path code = Files.write(images.resolve("code.fd"), image(0, CODE_SIZE));
        Path vars = Files.write(images.resolve("vars.fd"), image(1, VARS_SIZE));
        Machine m = Machine.build(MachineConfig.parse("pc-q35-7.2,pflash0=" + code + ",pflash0-readonly=on,pflash1="
                + vars, null, null, List.of(), List.of(), Release.DEFAULT, Accel.KVM, null));
        QtestSession session = new QtestSession(m);
        RecordedReplies replies = RecordedReplies.compare(script, session.replies(script), qemu);
        boolean ok = replies.identical();
        List<String> facts = new ArrayList<>();
        facts.add("pc-q35-7.2 + 2 pflash drives: " + replies.counts() + " replies identical to QEMU 7.2.22"
                + replies.difference());
        facts.add("system.flash1 0xffc00000 (0x84000), system.flash0 0xffc84000 (0x37c000, read-only)");
        facts.forEach(f -> ctx.out().println("  " + f));
        return new StepResult(title(), ok, ok ? "identical to QEMU 7.2" : "engine differs from QEMU", facts);
    }
}
