package dev.vmtrace.cli;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.compat.stream.StreamReport;
import dev.vmtrace.engine.json.JsonWriter;
import dev.vmtrace.engine.stream.MigrationStream;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.trace.Damage;
import dev.vmtrace.trace.EventType;
import dev.vmtrace.trace.IndexStatus;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceFiles;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import dev.vmtrace.trace.TraceStats;
import dev.vmtrace.trace.json.JsonlExporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vmtrace inspect}: what a file is and what it holds. Dispatches on the input's kind
 * ({@link #detect}); traces (queue directory or single file) are handled here, other kinds
 * (migration streams) can be added as further cases.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a trace or a QEMU migration stream holds. Traces: header, completeness",
            "(salvage of a killed recording), damage, counts by event type and region, bytes per event",
            "and snapshots. Streams: configuration, every section and subsection with fields decoded",
            "through the vmdesc trailer, RAM blocks."})
public final class InspectCommand implements Callable<Integer> {
    /** Kinds of input inspect recognises. */
    enum InputKind { TRACE, MIGRATION_STREAM, UNKNOWN }

    /** Report formats. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Trace directory, single-file trace, or migration stream.")
    Path path;

    @Option(names = "--regions", description = "List the region table with per-region dispatch counts.")
    boolean regions;

    @Option(names = "--events", paramLabel = "FROM..TO", description = "Print the events with FROM <= seq <= TO.")
    String events;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FMT", description = "text or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() throws Exception {
        long[] range = events == null ? null : parseRange(events);
        switch (detect(path)) {
            case TRACE:
                return inspectTrace(range);
            case MIGRATION_STREAM:
                return inspectStream();
            default:
                throw BadInputException.atOffset(path.toString(), 0,
                        "not a vmtrace trace (neither a Chronicle queue directory nor a VMTRACE1 file)");
        }
    }

    /** A QEMU migration stream: header, configuration, sections with decoded fields, RAM blocks. */
    private int inspectStream() throws Exception {
        MigrationStream stream = MigrationStreamReader.read(path);
        String report = format == Format.json ? JsonWriter.pretty(StreamReport.json(stream)) + "\n"
                : StreamReport.text(stream, true);
        ReportOutput.emit(report, output, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** What {@code p} is, from its type and first bytes. */
    static InputKind detect(Path p) throws BadInputException {
        if (Files.isDirectory(p)) {
            return TraceFiles.isQueue(p) ? InputKind.TRACE : InputKind.UNKNOWN;
        }
        if (!Files.isRegularFile(p)) {
            throw BadInputException.unreadable(p.toString(), "no such file or directory", null);
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            throw BadInputException.unreadable(p.toString(), "cannot read: " + e.getMessage(), e);
        }
        String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (s.startsWith("VMTRACE1")) {
            return InputKind.TRACE;
        }
        if (s.startsWith("QEVM")) {
            return InputKind.MIGRATION_STREAM;
        }
        return InputKind.UNKNOWN;
    }

    private long[] parseRange(String r) {
        int dots = r.indexOf("..");
        try {
            if (dots < 0) {
                long v = Long.parseLong(r);
                return new long[] {v, v};
            }
            long from = dots == 0 ? 0 : Long.parseLong(r.substring(0, dots));
            long to = dots + 2 == r.length() ? Long.MAX_VALUE : Long.parseLong(r.substring(dots + 2));
            if (from < 0 || to < from) {
                throw new NumberFormatException("empty range");
            }
            return new long[] {from, to};
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events wants FROM..TO, got '" + r + "'");
        }
    }

    private int inspectTrace(long[] range) throws Exception {
        TraceStats stats;
        IndexStatus index;
        StringBuilder eventLines = new StringBuilder();
        try (TraceReader r = TraceReader.open(path)) {
            stats = TraceStats.collect(r);
            index = r.indexStatus();
            if (range != null) {
                r.seek(range[0]);
                while (r.hasNext()) {
                    TraceEvent e = r.next();
                    if (e.seq() > range[1]) {
                        break;
                    }
                    if (format == Format.json) {
                        eventLines.append(eventLines.length() == 0 ? "\n    " : ",\n    ");
                        JsonlExporter.line(eventLines, e);
                    } else {
                        eventLines.append("  ");
                        JsonlExporter.line(eventLines, e);
                        eventLines.append('\n');
                    }
                }
            }
        }
        String report = format == Format.json ? json(stats, index, range == null ? null : eventLines.toString())
                : text(stats, index, range == null ? null : eventLines.toString());
        ReportOutput.emit(report, output, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private String text(TraceStats s, IndexStatus index, String eventLines) {
        StringBuilder b = new StringBuilder();
        TraceHeader h = s.header();
        b.append("trace: ").append(path).append(TraceFiles.isQueue(path) ? " (Chronicle queue)" : " (single file)").append('\n');
        b.append("format: ").append(h.formatVersion()).append("   creator: ").append(h.creator()).append('\n');
        b.append("machine: ").append(orDash(h.machineType())).append("   release: ").append(orDash(h.release()))
                .append("   accelerator: ").append(orDash(h.accelerator())).append("   cpus: ").append(h.cpuCount()).append('\n');
        if (!h.options().isEmpty()) {
            b.append("options: ").append(h.options()).append('\n');
        }
        var st = s.status();
        if (st.complete()) {
            b.append("complete: yes").append('\n');
        } else {
            b.append("complete: NO (not closed cleanly): salvaged ").append(st.eventsRead())
                    .append(" events up to the last complete chunk").append('\n');
        }
        b.append(String.format("events: %d in %d chunks; %d bytes stored, %.2f bytes/event, %.2f bytes/guest access%n",
                st.eventsRead(), st.chunksRead(), st.frameBytes(), s.bytesPerEvent(), s.bytesPerAccess()));
        b.append("guest accesses: ").append(s.guestAccesses()).append(" (").append(s.inferred()).append(" inferred)\n");
        if (!st.damage().isEmpty() || st.eventsLost() > 0) {
            b.append("damage: ").append(st.damage().size()).append(" frame(s), ").append(st.eventsLost())
                    .append(" events lost\n");
            for (Damage d : st.damage()) {
                b.append("  at ").append(st.locationUnit()).append(' ').append(d.location()).append(": ")
                        .append(d.problem()).append('\n');
            }
        }
        b.append("by type:\n");
        for (EventType t : EventType.values()) {
            Long n = s.byType().get(t);
            if (n != null) {
                b.append(String.format("  %-15s %d%n", t.name(), n));
            }
        }
        b.append("by region (dispatches):\n");
        for (Map.Entry<Integer, Long> e : s.dispatchesByRegion().entrySet()) {
            b.append(String.format("  %-24s %d%n", regionLabel(s, e.getKey()), e.getValue()));
        }
        if (regions) {
            b.append("regions:\n");
            for (RegionDefined r : s.regions()) {
                b.append(String.format("  #%-3d %-20s %-6s base 0x%x size 0x%x%s mr 0x%x%n", r.id(), r.name(), r.space(),
                        r.base(), r.size(), r.rules() == null ? "" : String.format(" valid %d..%d impl %d..%d",
                                r.rules().validMin(), r.rules().validMax(), r.rules().implMin(), r.rules().implMax()),
                        r.hostTag()));
            }
        }
        b.append("snapshots: ").append(s.snapshots().size()).append(" (").append(index.indexed() ? "indexed"
                : index.describe() + "; seeking scans").append(")\n");
        for (TraceStats.SnapshotInfo i : s.snapshots()) {
            b.append("  seq ").append(i.seq()).append(' ').append(i.label()).append(' ').append(i.bytes()).append(" bytes\n");
        }
        if (eventLines != null) {
            b.append("events:\n").append(eventLines);
        }
        return b.toString();
    }

    private static String regionLabel(TraceStats s, int id) {
        if (id == 0) {
            return "(none)";
        }
        for (RegionDefined r : s.regions()) {
            if (r.id() == id) {
                return "#" + id + " " + r.name();
            }
        }
        return "#" + id + " (undefined)";
    }

    private String json(TraceStats s, IndexStatus index, String eventLines) {
        TraceHeader h = s.header();
        var st = s.status();
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"path\": ").append(JsonlExporter.str(path.toString())).append(",\n");
        b.append("  \"form\": \"").append(TraceFiles.isQueue(path) ? "chronicle-queue" : "single-file").append("\",\n");
        b.append("  \"header\": {\"formatVersion\": ").append(h.formatVersion())
                .append(", \"creator\": ").append(JsonlExporter.str(h.creator()))
                .append(", \"machineType\": ").append(JsonlExporter.str(h.machineType()))
                .append(", \"release\": ").append(JsonlExporter.str(h.release()))
                .append(", \"accelerator\": ").append(JsonlExporter.str(h.accelerator()))
                .append(", \"cpuCount\": ").append(h.cpuCount()).append(", \"options\": {");
        int i = 0;
        for (Map.Entry<String, String> e : h.options().entrySet()) {
            b.append(i++ == 0 ? "" : ", ").append(JsonlExporter.str(e.getKey())).append(": ").append(JsonlExporter.str(e.getValue()));
        }
        b.append("}},\n");
        b.append("  \"complete\": ").append(st.complete()).append(",\n");
        b.append("  \"expectedEvents\": ").append(st.expectedEvents()).append(",\n");
        b.append("  \"events\": ").append(st.eventsRead()).append(",\n");
        b.append("  \"chunks\": ").append(st.chunksRead()).append(",\n");
        b.append("  \"storedBytes\": ").append(st.frameBytes()).append(",\n");
        b.append(String.format("  \"bytesPerEvent\": %.3f,%n  \"bytesPerGuestAccess\": %.3f,%n", s.bytesPerEvent(), s.bytesPerAccess()));
        b.append("  \"guestAccesses\": ").append(s.guestAccesses()).append(", \"inferred\": ").append(s.inferred()).append(",\n");
        b.append("  \"eventsLost\": ").append(st.eventsLost()).append(",\n");
        b.append("  \"damage\": [");
        i = 0;
        for (Damage d : st.damage()) {
            b.append(i++ == 0 ? "" : ", ").append("{\"").append(st.locationUnit().equals("offset") ? "offset" : "excerptIndex")
                    .append("\": ").append(d.location()).append(", \"problem\": ").append(JsonlExporter.str(d.problem())).append('}');
        }
        b.append("],\n  \"byType\": {");
        i = 0;
        for (EventType t : EventType.values()) {
            Long n = s.byType().get(t);
            if (n != null) {
                b.append(i++ == 0 ? "" : ", ").append('"').append(t.name()).append("\": ").append(n);
            }
        }
        b.append("},\n  \"byRegion\": {");
        i = 0;
        for (Map.Entry<Integer, Long> e : s.dispatchesByRegion().entrySet()) {
            b.append(i++ == 0 ? "" : ", ").append(JsonlExporter.str(regionLabel(s, e.getKey()))).append(": ").append(e.getValue());
        }
        b.append("}");
        if (regions) {
            b.append(",\n  \"regions\": [");
            i = 0;
            for (RegionDefined r : s.regions()) {
                b.append(i++ == 0 ? "\n    " : ",\n    ");
                JsonlExporter.line(b, r);
            }
            b.append("\n  ]");
        }
        b.append(",\n  \"index\": {\"indexed\": ").append(index.indexed()).append(", \"snapshots\": ")
                .append(index.snapshots()).append(", \"chunks\": ").append(index.chunksIndexed())
                .append(", \"reason\": ").append(index.reason() == null ? "null" : JsonlExporter.str(index.reason()))
                .append('}');
        b.append(",\n  \"snapshots\": [");
        i = 0;
        for (TraceStats.SnapshotInfo si : s.snapshots()) {
            b.append(i++ == 0 ? "" : ", ").append("{\"seq\": ").append(si.seq()).append(", \"label\": ")
                    .append(JsonlExporter.str(si.label())).append(", \"bytes\": ").append(si.bytes()).append('}');
        }
        b.append("]");
        if (eventLines != null) {
            b.append(",\n  \"eventList\": [").append(eventLines).append("\n  ]");
        }
        b.append("\n}\n");
        return b.toString();
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
