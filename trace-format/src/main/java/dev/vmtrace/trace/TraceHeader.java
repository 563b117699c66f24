package dev.vmtrace.trace;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a trace was recorded from. {@code complete} is true only when the writer closed the trace
 * cleanly; a trace cut short (killed recorder) reads with {@code complete == false}.
 *
 * @param formatVersion the trace format version ({@link #FORMAT_VERSION} for this library)
 * @param creator what wrote it, e.g. {@code "vmtrace import qemu-log"}
 * @param machineType e.g. {@code pc-q35-7.2}, or empty if unknown
 * @param release emulator release, e.g. {@code 7.2.22}, or empty
 * @param accelerator {@code tcg}, {@code kvm}, {@code qtest}, or empty
 * @param options free-form key/value settings of the source (sorted)
 */
public record TraceHeader(int formatVersion, String creator, String machineType, String release,
                          String accelerator, int cpuCount, Map<String, String> options, boolean complete) {
    /** The format version this library writes. */
    public static final int FORMAT_VERSION = 1;

    public TraceHeader {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(machineType, "machineType");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(accelerator, "accelerator");
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** A header for a new trace (format version current, not complete). */
    public static TraceHeader of(String creator, String machineType, String release, String accelerator,
                                 int cpuCount, Map<String, String> options) {
        return new TraceHeader(FORMAT_VERSION, creator, machineType, release, accelerator, cpuCount, options, false);
    }

    /** This header with {@code complete} set to {@code value}. */
    public TraceHeader withComplete(boolean value) {
        return new TraceHeader(formatVersion, creator, machineType, release, accelerator, cpuCount, options, value);
    }
}
