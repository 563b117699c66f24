package dev.vmtrace.trace.qtest;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.qtest.QtestRequest;
import dev.vmtrace.engine.qtest.QtestCommandParser;
import dev.vmtrace.engine.qtest.QtestSyntaxException;
import dev.vmtrace.engine.qtest.QtestVerb;
import dev.vmtrace.engine.state.Bytes;
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

/**
 * Imports qtest input: a script of commands ({@code outb 0xcd8 0x0}, {@code inl 0xcd8},
 * {@code writel ADDR V}, {@code read ADDR LEN}, {@code clock_step NS} ...) or a qtest log
 * ({@code [R +0.001] cmd} / {@code [S +0.001] OK 0x...} lines), detected per line. Accesses
 * become guest accesses made by no vCPU (-1); in a log the reply gives the read value. Clock
 * commands become host events; the other known commands (IRQ interception, endianness...) are kept
 * opaque under the name {@code qtest}. Commands are read by {@link QtestCommandParser#script}
 * (numbers as QEMU reads them, exact argument counts); anything else is bad input with its line
 * number.
 */
public final class QtestImporter {
    /** Longest {@code read}/{@code write} length accepted (documented cap: 1 MiB). */
    public static final long MAX_LEN = 1 << 20;
    /** Longest line accepted (documented cap: 4 MiB characters, room for a 1 MiB {@code write}). */
    public static final int MAX_LINE = 4 << 20;
    private final QtestCommandParser parser = QtestCommandParser.script(MAX_LEN);

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
        QtestRequest c;
        try {
            c = parser.parse(line);
        } catch (QtestSyntaxException e) {
            throw e.toBadInput(source, lineNo);
        }
        switch (c.verb()) {
            case OUT:
                access(Space.IO, Direction.WRITE, c.address(), c.size(), c.value());
                return;
            case IN:
                access(Space.IO, Direction.READ, c.address(), c.size(), 0);
                return;
            case WRITE:
                access(Space.MEMORY, Direction.WRITE, c.address(), c.size(), c.value());
                return;
            case READ:
                access(Space.MEMORY, Direction.READ, c.address(), c.size(), 0);
                return;
            case BULK_READ:
                bulk(Direction.READ, c.address(), c.length(), null);
                return;
            case BULK_WRITE:
                bulk(Direction.WRITE, c.address(), c.length(), c.data());
                return;
            case CLOCK_STEP:
            case CLOCK_SET:
                out.append(new HostEvent(0, time, c.verb() == QtestVerb.CLOCK_STEP ? HostEventKind.CLOCK_STEP
                        : HostEventKind.CLOCK_SET, c.value()));
                other++;
                return;
            default:
                // IRQ interception, endianness, b64*, memset...: kept as written
                out.append(new QemuTraceEvent(0, time, "qtest", line));
                other++;
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
    private void bulk(Direction dir, long addr, long len, Bytes data) throws IOException {
        accessLines++;
        for (long off = 0; off < len; off += 8) {
            int n = (int) Math.min(8, len - off);
            long v = 0;
            for (int i = 0; data != null && i < n; i++) {
                v |= (long) data.getU8((int) off + i) << (8 * i);
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

    private long num(String s) throws BadInputException {
        try {
            return QtestCommandParser.parseNumber(s);
        } catch (QtestSyntaxException e) {
            throw e.toBadInput(source, lineNo);
        }
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
