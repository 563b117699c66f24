package dev.vmtrace.trace.qemu;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.Direction;
import dev.vmtrace.trace.Dispatch;
import dev.vmtrace.trace.DispatchOutcome;
import dev.vmtrace.trace.GuestAccess;
import dev.vmtrace.trace.QemuTraceEvent;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a trace as QEMU {@code log} backend lines: one {@code memory_region_ops_read/write} line
 * per delivered device-level dispatch (what QEMU itself logs; dropped and unassigned dispatches
 * produce no line in QEMU either) and each opaque {@link QemuTraceEvent} as {@code NAME TEXT}.
 * For a trace imported from such a log, the access lines come out identical to the input
 * (timestamp prefixes are not reproduced). Region pointers are the {@code hostTag} of the region,
 * or the region id for traces that did not come from QEMU.
 */
public final class QemuLogExporter {
    private QemuLogExporter() {
    }

    /** Exports every event of {@code reader} to {@code out}; returns the number of lines. */
    public static long export(TraceReader reader, OutputStream out) throws IOException, BadInputException {
        StringBuilder sb = new StringBuilder(256);
        byte[] buf = new byte[1 << 16];
        int n = 0;
        long lines = 0;
        GuestAccess access = null;
        while (reader.hasNext()) {
            TraceEvent e = reader.next();
            sb.setLength(0);
            if (e instanceof GuestAccess) {
                access = (GuestAccess) e;
                continue;
            } else if (e instanceof Dispatch) {
                Dispatch d = (Dispatch) e;
                if (d.outcome() == DispatchOutcome.DROPPED || d.outcome() == DispatchOutcome.UNASSIGNED
                        || d.region() == 0) {
                    continue;
                }
                RegionDefined r = reader.region(d.region());
                boolean write = access != null && access.seq() == d.accessSeq()
                        && access.direction() == Direction.WRITE;
                int cpu = access != null && access.seq() == d.accessSeq() ? access.vcpu() : -1;
                long base = r == null ? 0 : r.base();
                long mr = r == null || r.hostTag() == 0 ? d.region() : r.hostTag();
                sb.append(write ? "memory_region_ops_write cpu " : "memory_region_ops_read cpu ").append(cpu)
                        .append(" mr 0x").append(Long.toHexString(mr))
                        .append(" addr 0x").append(Long.toHexString(base + d.offset()))
                        .append(" value 0x").append(Long.toHexString(d.value()))
                        .append(" size ").append(d.size())
                        .append(" name '").append(r == null ? "region-" + d.region() : r.name()).append('\'');
            } else if (e instanceof QemuTraceEvent) {
                QemuTraceEvent q = (QemuTraceEvent) e;
                sb.append(q.name());
                if (!q.text().isEmpty()) {
                    sb.append(' ').append(q.text());
                }
            } else {
                continue;
            }
            sb.append('\n');
            lines++;
            byte[] line = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (n + line.length > buf.length) {
                out.write(buf, 0, n);
                n = 0;
            }
            if (line.length > buf.length) {
                out.write(line);
            } else {
                System.arraycopy(line, 0, buf, n, line.length);
                n += line.length;
            }
        }
        out.write(buf, 0, n);
        out.flush();
        return lines;
    }
}
