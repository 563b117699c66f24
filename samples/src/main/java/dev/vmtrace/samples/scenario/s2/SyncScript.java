package dev.vmtrace.samples.scenario.s2;

import dev.vmtrace.engine.input.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an S2 workload: one operation per line, {@code #} comments.
 * <pre>
 * guest-write REGISTER VALUE     the guest writes the register inside the hypervisor
 * get                            kvm_arch_get_registers
 * debugger-write REGISTER VALUE  emulator code (the gdbstub) stores into the CPU state
 * put                            kvm_arch_put_registers
 * reset                          vCPU reset
 * </pre>
 */
public final class SyncScript {
    /** More lines than any real sequence needs; guards against hostile input. */
    public static final int MAX_STEPS = 100_000;

    private SyncScript() {
    }

    public static List<SyncStep> parse(String source, String text) throws BadInputException {
        List<SyncStep> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (steps.size() >= MAX_STEPS) {
                throw BadInputException.atLine(source, i + 1, "more than " + MAX_STEPS + " steps");
            }
            String[] w = line.split("\\s+");
            String op = w[0].toLowerCase(Locale.ROOT);
            switch (op) {
                case "get":
                case "put":
                case "reset":
                    expectWords(source, i, w, 1);
                    steps.add(new SyncStep(i + 1, SyncStep.Op.valueOf(op.toUpperCase(Locale.ROOT)), "", 0));
                    break;
                case "guest-write":
                case "debugger-write":
                    expectWords(source, i, w, 3);
                    steps.add(new SyncStep(i + 1, op.equals("guest-write") ? SyncStep.Op.GUEST_WRITE : SyncStep.Op.DEBUGGER_WRITE,
                            w[1], number(source, i, w[2])));
                    break;
                default:
                    throw BadInputException.atLine(source, i + 1, "unknown operation '" + w[0]
                            + "' (expected guest-write, get, debugger-write, put or reset)");
            }
        }
        return steps;
    }

    private static void expectWords(String source, int i, String[] w, int n) throws BadInputException {
        if (w.length != n) {
            throw BadInputException.atLine(source, i + 1, "'" + w[0] + "' takes " + (n - 1) + " argument(s), got " + (w.length - 1));
        }
    }

    private static long number(String source, int i, String s) throws BadInputException {
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw BadInputException.atLine(source, i + 1, "not a number: " + s);
        }
    }
}
