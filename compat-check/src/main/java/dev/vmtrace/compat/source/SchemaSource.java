package dev.vmtrace.compat.source;

import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.engine.input.BadInputException;

/** Something that can describe one side of a migration for a compat check. */
public interface SchemaSource {
    /** True when this source understands {@code spec} (a file name or a {@code vmtrace:} spec). */
    boolean accepts(String spec);

    /** Loads the schema set {@code spec} names. */
    SchemaSet load(String spec) throws BadInputException;
}
