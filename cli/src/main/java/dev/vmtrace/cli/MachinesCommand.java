package dev.vmtrace.cli;

import dev.vmtrace.engine.machine.CompatEntry;
import dev.vmtrace.engine.machine.CompatProperty;
import dev.vmtrace.engine.machine.MachineCatalog;
import dev.vmtrace.engine.machine.MachineType;
import dev.vmtrace.engine.machine.Release;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vmtrace machines}: releases, the machine types each offers, every compat property value. */
@Command(name = "machines", mixinStandardHelpOptions = true,
        description = {"List the QEMU releases vmtrace knows, the machine types a release offers,",
            "and the value of every compat property on each machine type."})
public final class MachinesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--release", paramLabel = "R", defaultValue = "7.2.22",
            description = "Release whose machine types to list (default: ${DEFAULT-VALUE}).")
    String release;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
        Release r = Release.parse(release);
        if (r == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--release: '" + release + "' is not X.Y or X.Y.Z");
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format: '" + format + "' is not text or json");
        }
        MachineCatalog cat = MachineCatalog.standard();
        StringWriter buf = new StringWriter();
        PrintWriter w = new PrintWriter(buf);
        if (format.equals("json")) {
            json(w, cat, r);
        } else {
            text(w, cat, r);
        }
        w.flush();
        ReportOutput.emit(buf.toString(), output, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private static void text(PrintWriter w, MachineCatalog cat, Release r) {
        w.print("releases:");
        for (Release k : Release.KNOWN) {
            w.print(" " + k);
        }
        w.println();
        w.println("release " + r + ": access policy " + r.impliedPolicy().name().toLowerCase());
        w.println();
        w.println("compat properties (machine types up to VERSION get VALUE):");
        for (CompatEntry<?> e : cat.entries()) {
            w.printf("  %-52s %-4s <= %-5s %-7s %s%n", e.property().key(), e.property().format(e.value()), e.upTo(),
                    e.family() == null ? "all" : e.family().prefix(), e.source());
        }
        w.println();
        for (MachineType t : cat.machineTypes(r)) {
            w.println(t.name());
            for (Map.Entry<CompatProperty<?>, Object> v : t.values().entrySet()) {
                w.printf("  %-52s %s%n", v.getKey().key(), v.getKey().format(v.getValue()));
            }
        }
    }

    private static void json(PrintWriter w, MachineCatalog cat, Release r) {
        w.println("{");
        w.print("  \"releases\": [");
        List<Release> known = Release.KNOWN;
        for (int i = 0; i < known.size(); i++) {
            w.print((i > 0 ? ", " : "") + str(known.get(i).toString()));
        }
        w.println("],");
        w.println("  \"release\": " + str(r.toString()) + ",");
        w.println("  \"accessPolicy\": " + str(r.impliedPolicy().name().toLowerCase()) + ",");
        w.println("  \"compat\": [");
        List<CompatEntry<?>> entries = cat.entries();
        for (int i = 0; i < entries.size(); i++) {
            CompatEntry<?> e = entries.get(i);
            w.printf("    {\"property\": %s, \"value\": %s, \"upTo\": %s, \"family\": %s, \"source\": %s}%s%n",
                    str(e.property().key()), value(e.value()), str(e.upTo().toString()),
                    e.family() == null ? "null" : str(e.family().prefix()), str(e.source()), i + 1 < entries.size() ? "," : "");
        }
        w.println("  ],");
        w.println("  \"machineTypes\": [");
        List<MachineType> types = cat.machineTypes(r);
        for (int i = 0; i < types.size(); i++) {
            MachineType t = types.get(i);
            w.print("    {\"name\": " + str(t.name()) + ", \"family\": " + str(t.family().prefix()) + ", \"version\": "
                    + str(t.version().toString()) + ", \"properties\": {");
            int j = 0;
            for (Map.Entry<CompatProperty<?>, Object> v : t.values().entrySet()) {
                w.print((j++ > 0 ? ", " : "") + str(v.getKey().key()) + ": " + value(v.getValue()));
            }
            w.println("}}" + (i + 1 < types.size() ? "," : ""));
        }
        w.println("  ]");
        w.println("}");
    }

    private static String value(Object v) {
        return v instanceof Boolean || v instanceof Number ? String.valueOf(v) : str(String.valueOf(v));
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
