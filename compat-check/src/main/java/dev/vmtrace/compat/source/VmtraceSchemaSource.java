package dev.vmtrace.compat.source;

import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.engine.input.BadInputException;

/**
 * vmtrace's own schemas for {@code vmtrace:RELEASE:MACHINE[,options]}: the descriptions the
 * engine's devices declare for a release and machine type. Not available yet: the device schemas
 * are being written with the engine's {@code dev.vmtrace.engine.state} API; once machine types can
 * list their {@code Migratable} devices, this source builds sections from their
 * {@code VmStateDescription}s. Until then it reports that plainly instead of guessing.
 */
public final class VmtraceSchemaSource implements SchemaSource {
    /** The spec prefix. */
    public static final String PREFIX = "vmtrace:";

    @Override
    public boolean accepts(String spec) {
        return spec.startsWith(PREFIX);
    }

    @Override
    public SchemaSet load(String spec) throws BadInputException {
        String[] parts = spec.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw BadInputException.unreadable(spec, "expected vmtrace:RELEASE:MACHINE[,options]", null);
        }
        throw BadInputException.unreadable(spec, "vmtrace's own device schemas are not available yet for release "
                + parts[0] + " and machine " + parts[1] + "; use a migration stream or a -dump-vmstate file", null);
    }
}
