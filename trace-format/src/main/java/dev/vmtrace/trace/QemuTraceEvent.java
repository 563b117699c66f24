package dev.vmtrace.trace;

import java.util.Objects;

/**
 * A QEMU trace event vmtrace keeps opaque ({@code cpuhp_*}, {@code apm_*}, {@code fw_cfg_*} and
 * any other): the event name and the rest of the line, verbatim.
 */
public record QemuTraceEvent(long seq, long time, String name, String text) implements TraceEvent {
    public QemuTraceEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public EventType type() {
        return EventType.QEMU_TRACE;
    }
}
