package dev.vmtrace.compat.model;

/**
 * Where a schema set came from, which decides what it can tell: a stream's vmdesc lists exactly
 * what one machine type and configuration sent (types and sizes, no minimum versions, no
 * conditions); a {@code -dump-vmstate} lists everything a binary knows (minimum versions,
 * {@code field_exists}, every subsection; no types, no machine-type effects, no RAM blocks);
 * vmtrace's own schemas know all of it.
 */
public enum SchemaKind {
    STREAM, DUMP, VMTRACE
}
