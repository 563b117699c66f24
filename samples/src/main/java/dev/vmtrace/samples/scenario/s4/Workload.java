package dev.vmtrace.samples.scenario.s4;

import dev.vmtrace.engine.input.BadInputException;
import java.util.ArrayList;
import java.util.List;

/** The S4 workload: one step per line ({@code op args...}), {@code #} comments. */
final class Workload {
    private Workload() {
    }

    /** Cap on workload lines. */
    static final int MAX_LINES = 10_000;

    record Step(long line, String op, List<String> args) {
        String arg(int i) {
            return i < args.size() ? args.get(i) : "";
        }

        String option(String key, String fallback) {
            for (String a : args) {
                if (a.startsWith(key + "=")) {
                    return a.substring(key.length() + 1);
                }
            }
            return fallback;
        }
    }

    static List<Step> parse(String source, String text) throws BadInputException {
        List<Step> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        if (lines.length > MAX_LINES) {
            throw BadInputException.atLine(source, MAX_LINES + 1, "more than " + MAX_LINES + " lines");
        }
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            String op = parts[0];
            if (!List.of("machine", "boot", "hotplug", "reset").contains(op)) {
                throw BadInputException.atLine(source, i + 1, "unknown step '" + op + "'");
            }
            if ((op.equals("machine") || op.equals("hotplug")) && parts.length < 2) {
                throw BadInputException.atLine(source, i + 1, "'" + op + "' needs an argument");
            }
            out.add(new Step(i + 1, op, List.of(parts).subList(1, parts.length)));
        }
        return out;
    }
}
