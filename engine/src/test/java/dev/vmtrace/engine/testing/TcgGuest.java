package dev.vmtrace.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny real-mode guest for QEMU's TCG direct path: a 64 KiB BIOS image whose code performs a
 * list of {@code in}/{@code out} instructions, each followed by a marker {@code inb 0xf00}, and
 * then exits through {@code isa-debug-exit} at 0xf4. QEMU runs it with
 * {@code -trace memory_region_ops_*} and {@code -d guest_errors}, so the trace shows what a TCG
 * guest's instructions became. Machine code is emitted byte by byte (no assembler needed).
 */
public final class TcgGuest {
    private static final int SIZE = 0x10000;
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final List<String> probes = new ArrayList<>();

    /** Starts a program with the leading marker. */
    public TcgGuest() {
        this(List.of());
    }

    /**
     * Starts a program that first performs {@code setup} writes ({port, size, value} each, e.g.
     * PCI config writes that map the PM block), whose trace is ignored, then the leading marker.
     */
    public TcgGuest(List<long[]> setup) {
        cli();
        for (long[] w : setup) {
            emitOut((int) w[0], (int) w[1], w[2]);
        }
        marker();
    }

    /** {@code in} of {@code size} bytes from {@code port}, then the marker. */
    public TcgGuest in(int port, int size) {
        movDx(port);
        if (size == 4) {
            code.write(0x66);
        }
        code.write(size == 1 ? 0xec : 0xed);
        probes.add(String.format("in%c 0x%x", size == 1 ? 'b' : size == 2 ? 'w' : 'l', port));
        marker();
        return this;
    }

    /** {@code out} of {@code size} bytes of {@code value} to {@code port}, then the marker. */
    public TcgGuest out(int port, int size, long value) {
        emitOut(port, size, value);
        probes.add(String.format("out%c 0x%x 0x%x", size == 1 ? 'b' : size == 2 ? 'w' : 'l', port, value));
        marker();
        return this;
    }

    private void emitOut(int port, int size, long value) {
        movDx(port);
        if (size == 4) {
            code.write(0x66);
            code.write(0xb8);
            le(value, 4);
            code.write(0x66);
            code.write(0xef);
        } else if (size == 2) {
            code.write(0xb8);
            le(value, 2);
            code.write(0xef);
        } else {
            code.write(0xb0);
            code.write((int) value & 0xff);
            code.write(0xee);
        }
    }

    /** The probes in program order (qtest spelling). */
    public List<String> probes() {
        return List.copyOf(probes);
    }

    private void cli() {
        code.write(0xfa);
    }

    private void marker() {
        movDx(0xf00);
        code.write(0xec);
    }

    private void movDx(int port) {
        code.write(0xba);
        le(port, 2);
    }

    private void le(long v, int n) {
        for (int i = 0; i < n; i++) {
            code.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /** The BIOS image: code at IP 0, exit, and a near jump to it at the reset vector (IP 0xfff0). */
    public byte[] image() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] body = code.toByteArray();
        all.write(body, 0, body.length);
        // mov dx,0xf4; mov al,0; out dx,al -> isa-debug-exit; then hlt forever
        byte[] exit = {(byte) 0xba, (byte) 0xf4, 0x00, (byte) 0xb0, 0x00, (byte) 0xee, (byte) 0xf4, (byte) 0xeb,
            (byte) 0xfd};
        all.write(exit, 0, exit.length);
        byte[] img = new byte[SIZE];
        byte[] prog = all.toByteArray();
        if (prog.length > 0xfff0) {
            throw new IllegalStateException("guest program too long: " + prog.length);
        }
        System.arraycopy(prog, 0, img, 0, prog.length);
        int disp = (0x0000 - (0xfff0 + 3)) & 0xffff;
        img[0xfff0] = (byte) 0xe9;
        img[0xfff1] = (byte) disp;
        img[0xfff2] = (byte) (disp >> 8);
        return img;
    }

    /**
     * Runs the program under TCG on {@code machine} and returns the trace log path. QEMU exits by
     * itself through isa-debug-exit.
     */
    public Path run(String machine, List<String> extra, Path dir) throws IOException, InterruptedException {
        Path bios = dir.resolve("probe-bios.bin");
        Files.write(bios, image());
        Path log = dir.resolve("tcg-trace.log");
        List<String> cmd = new ArrayList<>(List.of(RealQemu.requireQemu().toString(), "-M", machine, "-accel", "tcg",
                "-display", "none", "-nodefaults", "-bios", bios.toString(), "-device",
                "isa-debug-exit,iobase=0xf4,iosize=0x04", "-trace", "memory_region_ops_*", "-d", "guest_errors",
                "-D", log.toString()));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("TCG probe guest did not exit within 60 s");
        }
        return log;
    }
}
