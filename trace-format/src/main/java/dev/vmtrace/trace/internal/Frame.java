package dev.vmtrace.trace.internal;

/**
 * One verified frame: its kind, where it is (file offset, or Chronicle excerpt index) and its
 * payload, {@code payload[0, length)}. The array may be reused by the source on the next read.
 */
public record Frame(int kind, long location, byte[] payload, int length) {
}
