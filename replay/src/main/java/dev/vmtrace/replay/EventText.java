package dev.vmtrace.replay;

import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.GpeEvent;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.HostEvent;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.SmiRaised;
import dev.vmtrace.trace.Space;
import dev.vmtrace.trace.StateSnapshot;
import dev.vmtrace.trace.TraceEvent;
import java.util.function.IntFunction;

/** One-line renderings of trace events for report context. */
final class EventText {
    private EventText() {
    }

    static String access(Space space, boolean write, long address, int size, long value) {
        String op;
        if (space == Space.IO) {
            op = (write ? "out" : "in") + suffix(size);
        } else {
            op = (write ? "write" : "read") + suffix(size);
        }
        return write ? String.format("%s 0x%x <- 0x%x", op, address, value)
                : String.format("%s 0x%x -> 0x%x", op, address, value);
    }

    private static String suffix(int size) {
        switch (size) {
            case 1: return "b";
            case 2: return "w";
            case 4: return "l";
            case 8: return "q";
            default: return "[" + size + "]";
        }
    }

    /** {@code #SEQ text}; {@code regions} resolves region ids (may return null). */
    static String render(TraceEvent e, IntFunction<RegionDefined> regions) {
        StringBuilder sb = new StringBuilder("#").append(e.seq()).append(' ');
        if (e instanceof GuestAccess) {
            GuestAccess a = (GuestAccess) e;
            sb.append(access(a.space(), a.direction() == Direction.WRITE, a.address(), a.size(), a.value()));
            if (a.vcpu() >= 0) {
                sb.append(" cpu ").append(a.vcpu());
            }
            if (a.inferred()) {
                sb.append(" (inferred)");
            }
        } else if (e instanceof Dispatch) {
            Dispatch d = (Dispatch) e;
            RegionDefined r = regions.apply(d.region());
            String name = r == null ? "region " + d.region() : RegionLabels.label(r.name(), r.size());
            sb.append(String.format("  -> %s +0x%x size %d value 0x%x %s", name, d.offset(), d.size(), d.value(),
                    d.outcome().name().toLowerCase(java.util.Locale.ROOT)));
        } else if (e instanceof RegionDefined) {
            RegionDefined r = (RegionDefined) e;
            sb.append(String.format("region %d %s at 0x%x size 0x%x", r.id(), r.name(), r.base(), r.size()));
        } else if (e instanceof HostEvent) {
            HostEvent h = (HostEvent) e;
            sb.append("host ").append(h.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(h.argument());
        } else if (e instanceof SmiRaised) {
            SmiRaised s = (SmiRaised) e;
            sb.append(String.format("SMI raised (command 0x%x, cpu %d)", s.command(), s.vcpu()));
        } else if (e instanceof GpeEvent) {
            GpeEvent g = (GpeEvent) e;
            sb.append("GPE bit ").append(g.bit()).append(g.raised() ? " raised" : " cleared");
        } else if (e instanceof QemuTraceEvent) {
            QemuTraceEvent q = (QemuTraceEvent) e;
            sb.append(q.name()).append(' ').append(q.text());
        } else if (e instanceof StateSnapshot) {
            StateSnapshot s = (StateSnapshot) e;
            sb.append("snapshot '").append(s.label()).append("' (").append(s.stream().size()).append(" bytes)");
        } else {
            sb.append(e.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }
}
