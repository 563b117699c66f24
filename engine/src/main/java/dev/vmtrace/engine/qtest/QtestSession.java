package dev.vmtrace.engine.qtest;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.DispatchPath;
import dev.vmtrace.engine.memory.Space;
import java.util.Base64;
import java.util.Objects;

/**
 * A qtest session on an engine {@link Machine}: processes QEMU's qtest commands (formats.md
 * section 2) one line at a time and returns exactly the reply QEMU 7.2's {@code softmmu/qtest.c}
 * sends. Words are split on single spaces as QEMU does (two spaces make an empty word). Commands
 * QEMU aborts on raise {@link QtestAbortException}; unknown commands get
 * {@code FAIL Unknown command '...'}.
 *
 * <p>Port I/O goes through the machine's dispatch path (buffer for the qtest and KVM
 * accelerators, as QEMU's qtest does; direct for TCG, to show what a TCG guest's instruction would
 * see). Memory commands take the buffer path. {@code clock_step}/{@code clock_set} exist only
 * under the qtest accelerator.
 */
public final class QtestSession {
    /** Cap on {@code read}/{@code write}/{@code memset} lengths (QEMU has none; it would allocate). */
    public static final long MAX_BULK = 16L << 20;

    private final Machine machine;
    private final AccessSink sink;
    private long line;

    /** A session whose dispatches are discarded. */
    public QtestSession(Machine machine) {
        this(machine, AccessSink.DISCARD);
    }

    /** A session reporting every dispatch to {@code sink} (the recorder's hook). */
    public QtestSession(Machine machine, AccessSink sink) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public Machine machine() {
        return machine;
    }

    /**
     * Processes one command line (without its newline) and returns the reply line (without
     * newline).
     *
     * @throws QtestAbortException when QEMU would abort on this command, or vmtrace cannot run it
     */
    public String process(String commandLine) throws QtestAbortException {
        line++;
        String[] words = commandLine.split(" ", -1);
        if (commandLine.isEmpty()) {
            throw abort("assertion failed: (command)");
        }
        String cmd = words[0];
        switch (cmd) {
            case "outb":
            case "outw":
            case "outl":
                return out(words, sizeOf(cmd.charAt(3)));
            case "inb":
            case "inw":
            case "inl":
                return in(words, sizeOf(cmd.charAt(2)));
            case "writeb":
            case "writew":
            case "writel":
            case "writeq":
                return writeN(words, sizeOf(cmd.charAt(5)));
            case "readb":
            case "readw":
            case "readl":
            case "readq":
                return readN(words, sizeOf(cmd.charAt(4)));
            case "read":
                return read(words, false);
            case "b64read":
                return read(words, true);
            case "write":
                return write(words);
            case "b64write":
                return b64write(words);
            case "memset":
                return memset(words);
            case "endianness":
                return "OK little";
            case "clock_step":
                return machine.config().accel().qtestClock() ? clockStep(words) : unknown(cmd);
            case "clock_set":
                return machine.config().accel().qtestClock() ? clockSet(words) : unknown(cmd);
            case "irq_intercept_in":
            case "irq_intercept_out":
            case "set_irq_in":
            case "module_load":
                throw new QtestAbortException(line, "'" + cmd + "' is not supported by vmtrace's qtest", false);
            default:
                return unknown(cmd);
        }
    }

    private static String unknown(String cmd) {
        return "FAIL Unknown command '" + cmd + "'";
    }

    private static int sizeOf(char c) {
        switch (c) {
            case 'b':
                return 1;
            case 'w':
                return 2;
            case 'l':
                return 4;
            default:
                return 8;
        }
    }

    private String out(String[] w, int size) throws QtestAbortException {
        need(w, 2);
        long addr = u64(w[1]);
        long value = u64(w[2]);
        if (Long.compareUnsigned(addr, 0xffff) > 0) {
            throw abort("assertion failed: (addr <= 0xffff)");
        }
        machine.write(Space.IO, addr, value, size, machine.path(), -1, sink);
        return "OK";
    }

    private String in(String[] w, int size) throws QtestAbortException {
        need(w, 1);
        long addr = u64(w[1]);
        if (Long.compareUnsigned(addr, 0xffff) > 0) {
            throw abort("assertion failed: (addr <= 0xffff)");
        }
        long v = machine.read(Space.IO, addr, size, machine.path(), -1, sink);
        return String.format("OK 0x%04x", v);
    }

    private String writeN(String[] w, int size) throws QtestAbortException {
        need(w, 2);
        long addr = u64(w[1]);
        long value = u64(w[2]);
        machine.write(Space.MEMORY, addr, value, size, DispatchPath.BUFFER, -1, sink);
        return "OK";
    }

    private String readN(String[] w, int size) throws QtestAbortException {
        need(w, 1);
        long addr = u64(w[1]);
        long v = machine.read(Space.MEMORY, addr, size, DispatchPath.BUFFER, -1, sink);
        return String.format("OK 0x%016x", v);
    }

    private String read(String[] w, boolean base64) throws QtestAbortException {
        need(w, 2);
        long addr = u64(w[1]);
        long len = u64(w[2]);
        if (!base64 && len == 0) {
            throw abort("assertion failed: (len)");
        }
        byte[] data = new byte[bulk(len)];
        machine.dispatcher().readBytes(machine.memory(), addr, data, 0, data.length, machine.policy(), sink);
        if (base64) {
            return "OK " + Base64.getEncoder().encodeToString(data);
        }
        StringBuilder sb = new StringBuilder(3 + 2 * data.length).append("OK 0x");
        for (byte b : data) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    private String write(String[] w) throws QtestAbortException {
        need(w, 3);
        long addr = u64(w[1]);
        long len = u64(w[2]);
        String hex = w[3];
        if (hex.length() < 3) {
            return "ERR invalid argument size";
        }
        byte[] data = new byte[bulk(len)];
        for (int i = 0; i < data.length; i++) {
            if (i * 2L + 4 <= hex.length()) {
                int hi = nibble(hex.charAt(i * 2 + 2));
                int lo = nibble(hex.charAt(i * 2 + 3));
                data[i] = (byte) ((hi << 4) | lo);
            }
        }
        machine.dispatcher().writeBytes(machine.memory(), addr, data, 0, data.length, machine.policy(), sink);
        return "OK";
    }

    private String b64write(String[] w) throws QtestAbortException {
        need(w, 3);
        long addr = u64(w[1]);
        long len = u64(w[2]);
        if (w[3].length() < 3) {
            return "ERR invalid argument size";
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(w[3]);
        } catch (IllegalArgumentException e) {
            throw new QtestAbortException(line, "b64write: malformed base64 (GLib's lenient decoder not modeled)", false);
        }
        // QEMU writes len bytes even when fewer were decoded (reading past its buffer); vmtrace pads with zeros.
        byte[] data = new byte[bulk(len)];
        System.arraycopy(decoded, 0, data, 0, Math.min(decoded.length, data.length));
        machine.dispatcher().writeBytes(machine.memory(), addr, data, 0, data.length, machine.policy(), sink);
        return "OK";
    }

    private String memset(String[] w) throws QtestAbortException {
        need(w, 3);
        long addr = u64(w[1]);
        long len = u64(w[2]);
        long pattern = u64(w[3]);
        if (len != 0) {
            byte[] data = new byte[bulk(len)];
            java.util.Arrays.fill(data, (byte) pattern);
            machine.dispatcher().writeBytes(machine.memory(), addr, data, 0, data.length, machine.policy(), sink);
        }
        return "OK";
    }

    private String clockStep(String[] w) throws QtestAbortException {
        long ns;
        if (w.length > 1) {
            Long v = QtestNumbers.parseI64(w[1]);
            if (v == null) {
                throw abort("assertion failed: (ret == 0)");
            }
            ns = v;
        } else {
            ns = machine.time().nextDeadlineDelta();
        }
        long now = machine.time().nanos();
        machine.time().advanceTo(now + ns);
        return "OK " + machine.time().nanos();
    }

    private String clockSet(String[] w) throws QtestAbortException {
        need(w, 1);
        Long v = QtestNumbers.parseI64(w[1]);
        if (v == null) {
            throw abort("assertion failed: (ret == 0)");
        }
        machine.time().advanceTo(v);
        return "OK " + machine.time().nanos();
    }

    private int bulk(long len) throws QtestAbortException {
        if (Long.compareUnsigned(len, MAX_BULK) > 0) {
            throw new QtestAbortException(line, "length " + Long.toUnsignedString(len) + " exceeds vmtrace's cap of "
                    + MAX_BULK + " bytes", false);
        }
        return (int) len;
    }

    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void need(String[] w, int args) throws QtestAbortException {
        if (w.length <= args) {
            StringBuilder sb = new StringBuilder("assertion failed: (");
            for (int i = 1; i <= args; i++) {
                sb.append(i > 1 ? " && " : "").append("words[").append(i).append(']');
            }
            throw abort(sb.append(')').toString());
        }
    }

    private long u64(String word) throws QtestAbortException {
        Long v = QtestNumbers.parseU64(word);
        if (v == null) {
            throw abort("assertion failed: (ret == 0)");
        }
        return v;
    }

    private QtestAbortException abort(String what) {
        return new QtestAbortException(line, "QEMU 7.2 aborts on this command: " + what, true);
    }
}
