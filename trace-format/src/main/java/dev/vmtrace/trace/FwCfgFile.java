package dev.vmtrace.trace;

import java.util.Objects;

/** An entry of the fw_cfg file table: slot {@code index}, path {@code name}, {@code size} bytes. */
public record FwCfgFile(long seq, long time, int index, String name, long size) implements TraceEvent {
    public FwCfgFile {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public EventType type() {
        return EventType.FW_CFG_FILE;
    }
}
