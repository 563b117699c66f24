package dev.vmtrace.trace.json;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.CpuSync;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.FwCfgFile;
import dev.vmtrace.trace.GpeEvent;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.SmiRaised;
import dev.vmtrace.trace.StateSnapshot;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes a trace as JSON Lines: one object per event with {@code seq}, {@code type} (the
 * {@link dev.vmtrace.trace.EventType} name), {@code time} and the record's fields. Addresses and
 * values are hex strings so 64-bit values survive JavaScript readers; snapshot streams are base64.
 */
public final class JsonlExporter {
    private JsonlExporter() {
    }

    /** Exports every event; returns the count. */
    public static long export(TraceReader reader, OutputStream out) throws IOException, BadInputException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(256);
        long n = 0;
        while (reader.hasNext()) {
            sb.setLength(0);
            line(sb, reader.next());
            sb.append('\n');
            w.write(sb.toString());
            n++;
        }
        w.flush();
        return n;
    }

    /** Appends the JSON object for {@code e} (no newline). */
    public static void line(StringBuilder sb, TraceEvent e) {
        sb.append("{\"seq\":").append(e.seq()).append(",\"type\":\"").append(e.type().name())
                .append("\",\"time\":").append(e.time());
        if (e instanceof GuestAccess) {
            GuestAccess a = (GuestAccess) e;
            sb.append(",\"vcpu\":").append(a.vcpu()).append(",\"space\":\"").append(a.space())
                    .append("\",\"direction\":\"").append(a.direction()).append("\",\"address\":").append(hex(a.address()))
                    .append(",\"size\":").append(a.size()).append(",\"value\":").append(hex(a.value()))
                    .append(",\"inferred\":").append(a.inferred());
        } else if (e instanceof Dispatch) {
            Dispatch d = (Dispatch) e;
            sb.append(",\"accessSeq\":").append(d.accessSeq()).append(",\"region\":").append(d.region())
                    .append(",\"offset\":").append(hex(d.offset())).append(",\"size\":").append(d.size())
                    .append(",\"value\":").append(hex(d.value())).append(",\"outcome\":\"").append(d.outcome()).append('"');
        } else if (e instanceof RegionDefined) {
            RegionDefined r = (RegionDefined) e;
            sb.append(",\"id\":").append(r.id()).append(",\"name\":").append(str(r.name()))
                    .append(",\"space\":\"").append(r.space()).append("\",\"base\":").append(hex(r.base()))
                    .append(",\"size\":").append(r.size()).append(",\"hostTag\":").append(hex(r.hostTag()));
            if (r.rules() != null) {
                sb.append(",\"rules\":{\"validMin\":").append(r.rules().validMin()).append(",\"validMax\":")
                        .append(r.rules().validMax()).append(",\"implMin\":").append(r.rules().implMin())
                        .append(",\"implMax\":").append(r.rules().implMax()).append(",\"unaligned\":")
                        .append(r.rules().unaligned()).append('}');
            }
        } else if (e instanceof HostEvent) {
            HostEvent h = (HostEvent) e;
            sb.append(",\"kind\":\"").append(h.kind()).append("\",\"argument\":").append(h.argument());
        } else if (e instanceof QemuTraceEvent) {
            QemuTraceEvent q = (QemuTraceEvent) e;
            sb.append(",\"name\":").append(str(q.name())).append(",\"text\":").append(str(q.text()));
        } else if (e instanceof SmiRaised) {
            SmiRaised s = (SmiRaised) e;
            sb.append(",\"vcpu\":").append(s.vcpu()).append(",\"command\":").append(s.command());
        } else if (e instanceof GpeEvent) {
            GpeEvent g = (GpeEvent) e;
            sb.append(",\"bit\":").append(g.bit()).append(",\"raised\":").append(g.raised());
        } else if (e instanceof FwCfgFile) {
            FwCfgFile f = (FwCfgFile) e;
            sb.append(",\"index\":").append(f.index()).append(",\"name\":").append(str(f.name()))
                    .append(",\"size\":").append(f.size());
        } else if (e instanceof CpuSync) {
            CpuSync c = (CpuSync) e;
            sb.append(",\"vcpu\":").append(c.vcpu()).append(",\"kind\":\"").append(c.kind()).append('"');
            if (c.kind().hasRegister()) {
                sb.append(",\"register\":").append(hex(c.register())).append(",\"value\":").append(hex(c.value()));
            }
        } else if (e instanceof StateSnapshot) {
            StateSnapshot s = (StateSnapshot) e;
            sb.append(",\"label\":").append(str(s.label())).append(",\"stream\":\"")
                    .append(Base64.getEncoder().encodeToString(s.stream().toByteArray())).append('"');
        }
        sb.append('}');
    }

    private static String hex(long v) {
        return "\"0x" + Long.toHexString(v) + "\"";
    }

    /** A JSON string literal. */
    public static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
