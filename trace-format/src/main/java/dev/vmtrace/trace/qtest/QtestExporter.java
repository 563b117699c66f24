package dev.vmtrace.trace.qtest;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the guest accesses of a trace as a qtest script that real QEMU replays
 * ({@code vmtrace export T --to qtest | qemu-system-x86_64 -M pc-q35-7.2 ... -qtest stdio}).
 * Port I/O of 1, 2, 4 bytes becomes {@code out*}/{@code in*}, other port sizes are split into
 * bytes; memory accesses become {@code write*}/{@code read*} (odd sizes {@code write ADDR LEN}).
 * Clock steps and sets are kept; every other event has no qtest form and is left out.
 */
public final class QtestExporter {
    private QtestExporter() {
    }

    /** Exports {@code reader} to {@code out}; returns the number of commands written. */
    public static long export(TraceReader reader, OutputStream out) throws IOException, BadInputException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
        long n = 0;
        while (reader.hasNext()) {
            TraceEvent e = reader.next();
            if (e instanceof GuestAccess) {
                n += access(w, (GuestAccess) e);
            } else if (e instanceof HostEvent) {
                HostEvent h = (HostEvent) e;
                if (h.kind() == HostEventKind.CLOCK_STEP) {
                    w.write("clock_step " + h.argument() + "\n");
                    n++;
                } else if (h.kind() == HostEventKind.CLOCK_SET) {
                    w.write("clock_set " + h.argument() + "\n");
                    n++;
                }
            }
        }
        w.flush();
        return n;
    }

    private static int access(Writer w, GuestAccess a) throws IOException {
        boolean write = a.direction() == Direction.WRITE;
        String addr = "0x" + Long.toHexString(a.address());
        int size = a.size();
        if (a.space() == Space.IO) {
            if (size == 1 || size == 2 || size == 4) {
                char s = size == 1 ? 'b' : size == 2 ? 'w' : 'l';
                w.write(write ? "out" + s + " " + addr + " 0x" + Long.toHexString(a.value()) + "\n"
                        : "in" + s + " " + addr + "\n");
                return 1;
            }
            for (int i = 0; i < size; i++) {
                String ai = "0x" + Long.toHexString(a.address() + i);
                w.write(write ? "outb " + ai + " 0x" + Long.toHexString((a.value() >>> (8 * i)) & 0xff) + "\n"
                        : "inb " + ai + "\n");
            }
            return size;
        }
        if (size == 1 || size == 2 || size == 4 || size == 8) {
            char s = size == 1 ? 'b' : size == 2 ? 'w' : size == 4 ? 'l' : 'q';
            w.write(write ? "write" + s + " " + addr + " 0x" + Long.toHexString(a.value()) + "\n"
                    : "read" + s + " " + addr + "\n");
            return 1;
        }
        if (!write) {
            w.write("read " + addr + " " + size + "\n");
            return 1;
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < size; i++) {
            hex.append(String.format("%02x", (a.value() >>> (8 * i)) & 0xff));
        }
        w.write("write " + addr + " " + size + " " + hex + "\n");
        return 1;
    }
}
