package dev.vmtrace.replay;

import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.trace.GpeEvent;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.SmiRaised;
import dev.vmtrace.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping between engine {@link DeviceEvent}s and trace events, and the comparable keys of
 * both: SMIs become {@link SmiRaised}, GPE masks one {@link GpeEvent} per set bit, everything else
 * a {@link QemuTraceEvent} named {@link Recorder#DEVICE_EVENT}.
 */
final class DeviceEvents {
    private DeviceEvents() {
    }

    /** The trace events recording {@code d}. */
    static List<TraceEvent> toTrace(DeviceEvent d, long time) {
        List<TraceEvent> out = new ArrayList<>(1);
        if (d.kind().equals(DeviceEvent.SMI)) {
            out.add(new SmiRaised(0, time, d.vcpu(), (int) d.value()));
        } else if (d.kind().equals(DeviceEvent.GPE)) {
            long mask = d.value();
            for (int bit = 0; bit < 64; bit++) {
                if ((mask & (1L << bit)) != 0) {
                    out.add(new GpeEvent(0, time, bit, true));
                }
            }
        } else {
            out.add(new QemuTraceEvent(0, time, Recorder.DEVICE_EVENT,
                    d.device() + " " + d.kind() + " 0x" + Long.toHexString(d.value()) + " " + d.vcpu()));
        }
        return out;
    }

    /** Comparable keys of an engine event (one per trace event it records as). */
    static List<String> keys(DeviceEvent d) {
        List<String> out = new ArrayList<>(1);
        for (TraceEvent e : toTrace(d, 0)) {
            out.add(key(e));
        }
        return out;
    }

    /** A comparable key of a recorded device event. */
    static String key(TraceEvent e) {
        if (e instanceof SmiRaised) {
            SmiRaised s = (SmiRaised) e;
            return String.format("SMI (command 0x%x, cpu %d)", s.command(), s.vcpu());
        }
        if (e instanceof GpeEvent) {
            GpeEvent g = (GpeEvent) e;
            return "GPE bit " + g.bit() + (g.raised() ? " raised" : " cleared");
        }
        QemuTraceEvent q = (QemuTraceEvent) e;
        return "device event " + q.text();
    }
}
