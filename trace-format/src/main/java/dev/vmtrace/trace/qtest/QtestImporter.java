package dev.vmtrace.trace.qtest;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.HostEventKind;
import dev.vmtrace.trace.ImportSummary;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.TraceWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Imports qtest input: a script of commands ({@code outb 0xcd8 0x0}, {@code inl 0xcd8},
 * {@code writel ADDR V}, {@code read ADDR LEN}, {@code clock_step NS} ...) or a qtest log
 * ({@code [R +0.001] cmd} / {@code [S +0.001] OK 0x...} lines), detected per line. Accesses
 * become guest accesses made by no vCPU (-1); in a log the reply gives the read value. Clock
 * commands become host events; the other known commands (IRQ interception, endianness...) are kept
 * opaque under the name {@code qtest}. Anything else is bad input with its line number.
 */
public final class QtestImporter {
    /** Longest {@code read}/{@code write} length accepted (documented cap: 1 MiB). */
    public static final long MAX_LEN = 1 << 20;
    /** Longest line accepted (documented cap: 4 MiB characters, room for a 1 MiB {@code write}). */
    public static final int MAX_LINE = 4 << 20;
    private static final Set<String> OPAQUE = Set.of("irq_intercept_in", "irq_intercept_out", "set_irq_in",
            "endianness", "module_load", "b64read", "b64write", "memset");

    private TraceWriter out;
    private String source;
    private long lineNo;
    private long accessLines;
    private long other;
    private long accesses;
    private long time;
    private GuestAccess pendingRead;
    private String pendingCommand;

    /** Reads {@code in} to the end, writing events to {@code w}. */
    public ImportSummary importTo(InputStream in, String source, TraceWriter w) throws IOException, BadInputException {
        this.out = w;
        this.source = source;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder sb = new StringBuilder(128);
        String line;
        while ((line = readLine(r, sb)) != null) {
            line(line.strip());
        }
        flushRead();
        return new ImportSummary(lineNo, accessLines, other, accesses, 0, 0, false, w.nextSeq());
    }

    /** The next line, or null at the end; a line longer than {@link #MAX_LINE} is bad input (never buffered whole). */
    private String readLine(BufferedReader r, StringBuilder sb) throws IOException, BadInputException {
        sb.setLength(0);
        int c = r.read();
        if (c < 0) {
            return null;
        }
        lineNo++;
        while (c >= 0 && c != '\n') {
            if (sb.length() >= MAX_LINE) {
                throw BadInputException.atLine(source, lineNo, "line longer than the " + MAX_LINE + "-character cap");
            }
            sb.append((char) c);
            c = r.read();
        }
        return sb.toString();
    }

    private void line(String line) throws IOException, BadInputException {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (line.startsWith("[")) {
            int close = line.indexOf(']');
            if (close < 4 || line.charAt(2) != ' ' || line.charAt(3) != '+') {
                throw bad("expected '[R +SECONDS]' or '[S +SECONDS]'");
            }
            char kind = line.charAt(1);
            time = seconds(line.substring(4, close));
            String rest = line.substring(close + 1).strip();
            if (kind == 'R') {
                flushRead();
                command(rest);
            } else if (kind == 'S') {
                reply(rest);
            } else {
                throw bad("unknown qtest log direction '" + kind + "'");
            }
            return;
        }
        if (line.startsWith("OK") || line.startsWith("FAIL") || line.startsWith("IRQ")) {
            reply(line);
            return;
        }
        flushRead();
        command(line);
    }

    private void command(String line) throws IOException, BadInputException {
        String[] t = line.split("\\s+");
        String cmd = t[0];
        switch (cmd) {
            case "outb": case "outw": case "outl":
                args(t, 3);
                access(Space.IO, Direction.WRITE, num(t[1]), sizeOf(cmd.charAt(3)), num(t[2]));
                return;
            case "inb": case "inw": case "inl":
                args(t, 2);
                access(Space.IO, Direction.READ, num(t[1]), sizeOf(cmd.charAt(2)), 0);
                return;
            case "writeb": case "writew": case "writel": case "writeq":
                args(t, 3);
                access(Space.MEMORY, Direction.WRITE, num(t[1]), sizeOf(cmd.charAt(5)), num(t[2]));
                return;
            case "readb": case "readw": case "readl": case "readq":
                args(t, 2);
                access(Space.MEMORY, Direction.READ, num(t[1]), sizeOf(cmd.charAt(4)), 0);
                return;
            case "read":
                args(t, 3);
                bulk(Direction.READ, num(t[1]), len(t[2]), null);
                return;
            case "write":
                args(t, 4);
                bulk(Direction.WRITE, num(t[1]), len(t[2]), t[3]);
                return;
            case "clock_step":
                if (t.length > 2) {
                    throw bad("clock_step takes at most one argument");
                }
                out.append(new HostEvent(0, time, HostEventKind.CLOCK_STEP, t.length == 2 ? num(t[1]) : 0));
                other++;
                return;
            case "clock_set":
                args(t, 2);
                out.append(new HostEvent(0, time, HostEventKind.CLOCK_SET, num(t[1])));
                other++;
                return;
            default:
                if (OPAQUE.contains(cmd)) {
                    out.append(new QemuTraceEvent(0, time, "qtest", line));
                    other++;
                    return;
                }
                throw bad("unknown qtest command '" + cmd + "'");
        }
    }

    private void access(Space space, Direction dir, long addr, int size, long value) throws IOException {
        accessLines++;
        GuestAccess a = new GuestAccess(0, time, -1, space, dir, addr, size, value, false);
        if (dir == Direction.READ) {
            pendingRead = a;
        } else {
            out.append(a);
            accesses++;
        }
    }

    /** {@code read}/{@code write ADDR LEN}: pieces of up to 8 bytes, little-endian values. */
    private void bulk(Direction dir, long addr, long len, String hex) throws IOException, BadInputException {
        accessLines++;
        byte[] data = null;
        if (hex != null) {
            if (!hex.startsWith("0x") || hex.length() != 2 + 2 * len) {
                throw bad("write data must be 0x and " + (2 * len) + " hex digits");
            }
            data = new byte[(int) len];
            for (int i = 0; i < len; i++) {
                data[i] = (byte) hexByte(hex, 2 + 2 * i);
            }
        }
        for (long off = 0; off < len; off += 8) {
            int n = (int) Math.min(8, len - off);
            long v = 0;
            for (int i = 0; data != null && i < n; i++) {
                v |= (data[(int) off + i] & 0xffL) << (8 * i);
            }
            out.append(new GuestAccess(0, time, -1, Space.MEMORY, dir, addr + off, n, v, false));
            accesses++;
        }
    }

    private void reply(String line) throws IOException, BadInputException {
        if (line.startsWith("IRQ")) {
            return;
        }
        if (pendingRead != null) {
            GuestAccess a = pendingRead;
            pendingRead = null;
            long value = 0;
            String[] t = line.split("\\s+");
            if (t[0].equals("OK") && t.length == 2) {
                value = num(t[1]);
            }
            out.append(new GuestAccess(0, a.time(), -1, a.space(), a.direction(), a.address(), a.size(), value, false));
            accesses++;
        }
    }

    private void flushRead() throws IOException {
        if (pendingRead != null) {
            out.append(pendingRead);
            accesses++;
            pendingRead = null;
        }
    }

    private void args(String[] t, int n) throws BadInputException {
        if (t.length != n) {
            throw bad("'" + t[0] + "' takes " + (n - 1) + " argument" + (n == 2 ? "" : "s"));
        }
    }

    private static int sizeOf(char c) {
        switch (c) {
            case 'b': return 1;
            case 'w': return 2;
            case 'l': return 4;
            default: return 8;
        }
    }

    private long len(String s) throws BadInputException {
        long n = num(s);
        if (n < 1 || n > MAX_LEN) {
            throw bad("length " + n + " outside 1.." + MAX_LEN);
        }
        return n;
    }

    private long num(String s) throws BadInputException {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw BadInputException.atLine(source, lineNo, "expected a number, found '" + s + "'", e);
        }
    }

    private int hexByte(String s, int i) throws BadInputException {
        int hi = Character.digit(s.charAt(i), 16);
        int lo = Character.digit(s.charAt(i + 1), 16);
        if (hi < 0 || lo < 0) {
            throw bad("bad hex digit in write data");
        }
        return hi << 4 | lo;
    }

    private long seconds(String s) throws BadInputException {
        try {
            double d = Double.parseDouble(s);
            if (!(d >= 0 && d < 1e9)) {
                throw bad("time out of range: " + s);
            }
            return Math.round(d * 1e9);
        } catch (NumberFormatException e) {
            throw BadInputException.atLine(source, lineNo, "expected seconds, found '" + s + "'", e);
        }
    }

    private BadInputException bad(String problem) {
        return BadInputException.atLine(source, lineNo, problem);
    }
}
