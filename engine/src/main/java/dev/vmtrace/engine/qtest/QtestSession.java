package dev.vmtrace.engine.qtest;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.AccessSink;
import dev.vmtrace.engine.memory.DispatchPath;
import dev.vmtrace.engine.memory.Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A qtest session on an engine {@link Machine}: processes QEMU's qtest commands (formats.md
 * section 2) one line at a time and returns exactly the reply QEMU 7.2's {@code softmmu/qtest.c}
 * sends. Lines are read by {@link QtestCommandParser#qemu()} (words split on single spaces, as
 * QEMU does). Commands QEMU aborts on raise {@link QtestAbortException}; unknown commands get
 * {@code FAIL Unknown command '...'}.
 *
 * <p>Port I/O goes through the machine's dispatch path (buffer for the qtest and KVM
 * accelerators, as QEMU's qtest does; direct for TCG, to show what a TCG guest's instruction would
 * see). Memory commands take the buffer path. {@code clock_step}/{@code clock_set} exist only
 * under the qtest accelerator.
 */
public final class QtestSession {
    /** Cap on {@code read}/{@code write}/{@code memset} lengths (QEMU has none; it would allocate). */
    public static final long MAX_BULK = QtestCommandParser.MAX_BULK;
    private static final QtestCommandParser PARSER = QtestCommandParser.qemu();

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
        QtestRequest c;
        try {
            c = PARSER.parse(commandLine);
        } catch (QtestSyntaxException e) {
            String refusal = e.verb() == null ? null : refusal(e.verb(), e.commandWord());
            return refusal != null ? refusal : failed(e);
        }
        String refusal = refusal(c.verb(), c.word());
        return refusal != null ? refusal : run(c);
    }

    /**
     * The reply to {@code commandLine}, or {@code <abort: MESSAGE>} where {@link #process} throws;
     * the session goes on. For comparing a whole script with the replies QEMU gave, where a run
     * that stops at the first abort would hide every later difference.
     */
    public String replyOrAbort(String commandLine) {
        try {
            return process(commandLine);
        } catch (QtestAbortException e) {
            return "<abort: " + e.getMessage() + ">";
        }
    }

    /** {@link #replyOrAbort} for every line of {@code script}, in order. */
    public List<String> replies(List<String> script) {
        List<String> out = new ArrayList<>(script.size());
        for (String c : script) {
            out.add(replyOrAbort(c));
        }
        return out;
    }

    /**
     * The reply to a command this session does not run whatever its arguments (clock commands
     * outside the qtest accelerator), or null; throws for the commands vmtrace does not support.
     */
    private String refusal(QtestVerb verb, String word) throws QtestAbortException {
        switch (verb) {
            case CLOCK_STEP:
            case CLOCK_SET:
                return machine.config().accel().qtestClock() ? null : unknown(word);
            case IRQ_INTERCEPT_IN:
            case IRQ_INTERCEPT_OUT:
            case SET_IRQ_IN:
            case MODULE_LOAD:
                throw new QtestAbortException(line, "'" + word + "' is not supported by vmtrace's qtest", false);
            default:
                return null;
        }
    }

    /** QEMU's answer to a line the parser refused: a reply, or the assertion it aborts on. */
    private String failed(QtestSyntaxException e) throws QtestAbortException {
        switch (e.problem()) {
            case EMPTY:
                throw abort("assertion failed: (command)");
            case UNKNOWN_COMMAND:
                return unknown(e.commandWord());
            case SHORT_DATA:
                return "ERR invalid argument size";
            case MISSING_ARGUMENTS: {
                StringBuilder sb = new StringBuilder("assertion failed: (");
                for (int i = 1; i <= e.verb().minArguments(); i++) {
                    sb.append(i > 1 ? " && " : "").append("words[").append(i).append(']');
                }
                throw abort(sb.append(')').toString());
            }
            case BAD_NUMBER:
                throw abort("assertion failed: (ret == 0)");
            case PORT_RANGE:
                throw abort("assertion failed: (addr <= 0xffff)");
            case ZERO_LENGTH:
                throw abort("assertion failed: (len)");
            default:
                // vmtrace's own limits (bulk cap, base64 GLib would take): QEMU runs these
                throw new QtestAbortException(line, e.getMessage(), false);
        }
    }

    private static String unknown(String cmd) {
        return "FAIL Unknown command '" + cmd + "'";
    }

    private String run(QtestRequest c) {
        switch (c.verb()) {
            case OUT:
                machine.write(Space.IO, c.address(), c.value(), c.size(), machine.path(), -1, sink);
                return "OK";
            case IN:
                return String.format("OK 0x%04x", machine.read(Space.IO, c.address(), c.size(), machine.path(), -1, sink));
            case WRITE:
                machine.write(Space.MEMORY, c.address(), c.value(), c.size(), DispatchPath.BUFFER, -1, sink);
                return "OK";
            case READ:
                return String.format("OK 0x%016x",
                        machine.read(Space.MEMORY, c.address(), c.size(), DispatchPath.BUFFER, -1, sink));
            case BULK_READ:
                return "OK 0x" + hex(readBytes(c));
            case B64_READ:
                return "OK " + Base64.getEncoder().encodeToString(readBytes(c));
            case BULK_WRITE:
            case B64_WRITE:
                // the data bytes given, then zeros up to the length (QEMU pads write's hex with zeros;
                // for b64write it reads past its buffer, vmtrace pads)
                writeBytes(c.address(), Arrays.copyOf(c.data().toArray(), (int) c.length()));
                return "OK";
            case MEMSET:
                if (c.length() != 0) {
                    byte[] data = new byte[(int) c.length()];
                    Arrays.fill(data, (byte) c.value());
                    writeBytes(c.address(), data);
                }
                return "OK";
            case ENDIANNESS:
                return "OK little";
            case CLOCK_STEP: {
                long ns = c.arguments().isEmpty() ? machine.time().nextDeadlineDelta() : c.value();
                machine.time().advanceTo(machine.time().nanos() + ns);
                return "OK " + machine.time().nanos();
            }
            case CLOCK_SET:
                machine.time().advanceTo(c.value());
                return "OK " + machine.time().nanos();
            default:
                throw new IllegalStateException("no handler for " + c.verb());
        }
    }

    private byte[] readBytes(QtestRequest c) {
        byte[] data = new byte[(int) c.length()];
        machine.dispatcher().readBytes(machine.memory(), c.address(), data, 0, data.length, machine.policy(), sink);
        return data;
    }

    private void writeBytes(long addr, byte[] data) {
        machine.dispatcher().writeBytes(machine.memory(), addr, data, 0, data.length, machine.policy(), sink);
    }

    private static String hex(byte[] data) {
        StringBuilder sb = new StringBuilder(2 * data.length);
        for (byte b : data) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    private QtestAbortException abort(String what) {
        return new QtestAbortException(line, "QEMU 7.2 aborts on this command: " + what, true);
    }
}
