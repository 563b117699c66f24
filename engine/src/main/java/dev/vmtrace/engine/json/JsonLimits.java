package dev.vmtrace.engine.json;

/**
 * Caps the JSON reader enforces on untrusted input, so a hostile file cannot exhaust the stack or
 * the heap. Exceeding any cap is bad input at the offending offset.
 *
 * @param maxBytes total input size in bytes
 * @param maxDepth nesting depth of arrays and objects
 * @param maxStringBytes encoded length of one string (key or value) in bytes
 * @param maxMembers members of one object or elements of one array
 */
public record JsonLimits(long maxBytes, int maxDepth, int maxStringBytes, int maxMembers) {
    /** 64 MiB input, depth 64, 1 MiB strings, 1,000,000 members: enough for any QEMU vmdesc or dump. */
    public static final JsonLimits DEFAULT = new JsonLimits(64L << 20, 64, 1 << 20, 1_000_000);

    public JsonLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxStringBytes <= 0 || maxMembers <= 0) {
            throw new IllegalArgumentException("JSON limits must be positive");
        }
    }
}
