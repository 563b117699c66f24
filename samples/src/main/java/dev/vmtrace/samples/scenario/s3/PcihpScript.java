package dev.vmtrace.samples.scenario.s3;

import dev.vmtrace.engine.input.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 workload: a qtest script limited to DWORD accesses of the PCI hotplug ports plus the
 * replay directives {@code device_add/device_del pci slot=N}, {@code reset}, {@code snapshot L}
 * and {@code migration-point}, so one file drives a machine or the device model alone.
 */
final class PcihpScript {
    /** The operations. */
    enum Op { IN, OUT, ADD, DEL, RESET, SNAPSHOT, MIGRATION_POINT }

    /** One step with its line. */
    record Step(int line, Op op, long arg, long value, String label) {
    }

    private PcihpScript() {
    }

    static List<Step> parse(String source, String text) throws BadInputException {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String l = lines[i].trim();
            if (l.startsWith("# vmtrace:")) {
                String[] w = l.substring("# vmtrace:".length()).trim().split("\\s+");
                switch (w[0]) {
                    case "device_add":
                    case "device_del":
                        if (w.length != 3 || !w[1].equals("pci") || !w[2].startsWith("slot=")) {
                            throw BadInputException.atLine(source, line, "expected '" + w[0] + " pci slot=N'");
                        }
                        long slot = number(source, line, w[2].substring(5));
                        if (slot < 0 || slot > 31) {
                            throw BadInputException.atLine(source, line, "slot must be 0..31");
                        }
                        steps.add(new Step(line, w[0].equals("device_add") ? Op.ADD : Op.DEL, slot, 0, ""));
                        break;
                    case "reset":
                        steps.add(new Step(line, Op.RESET, 0, 0, ""));
                        break;
                    case "snapshot":
                        steps.add(new Step(line, Op.SNAPSHOT, 0, 0, w.length > 1 ? w[1] : ""));
                        break;
                    case "migration-point":
                        steps.add(new Step(line, Op.MIGRATION_POINT, 0, 0, ""));
                        break;
                    default:
                        throw BadInputException.atLine(source, line, "unknown directive '" + w[0] + "'");
                }
                continue;
            }
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] w = l.split("\\s+");
            if (w[0].equals("inl") && w.length == 2) {
                steps.add(new Step(line, Op.IN, port(source, line, w[1]), 0, ""));
            } else if (w[0].equals("outl") && w.length == 3) {
                steps.add(new Step(line, Op.OUT, port(source, line, w[1]), number(source, line, w[2]) & 0xffffffffL, ""));
            } else {
                throw BadInputException.atLine(source, line, "expected 'inl PORT' or 'outl PORT VALUE'");
            }
        }
        return steps;
    }

    private static long port(String source, int line, String s) throws BadInputException {
        long p = number(source, line, s);
        if (p < S3PciHotplugStory.BASE || p >= S3PciHotplugStory.BASE + 0x18 || (p & 3) != 0) {
            throw BadInputException.atLine(source, line, "not a PCI hotplug register: " + s);
        }
        return p;
    }

    private static long number(String source, int line, String s) throws BadInputException {
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw BadInputException.atLine(source, line, "not a number: " + s);
        }
    }
}
