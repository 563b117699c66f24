package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.StateCodec;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.WireInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads device sections of a stream (vmtrace's or QEMU's) with vmtrace's own schemas, as a
 * destination does: each section's version is checked against the schema's window, fields are
 * read as the destination's schema says, and the section must end exactly where the stream's
 * structure (footer or next section) says it ends.
 */
public final class MachineStateLoader {
    private MachineStateLoader() {
    }

    /**
     * Loads every section of {@code stream} (read from {@code data}) that {@code schemas} names by
     * section key; {@code locals} gives each device's current state (properties, equal-checks), or
     * null. Returns the loaded values by section key, in stream order.
     */
    public static Map<String, StateNode> load(byte[] data, MigrationStream stream, Map<String, VmStateDescription> schemas,
            Map<String, StateNode> locals) throws BadInputException {
        Map<String, StateNode> out = new LinkedHashMap<>();
        for (StreamSection s : stream.sections()) {
            VmStateDescription schema = schemas.get(s.key());
            if (schema == null || s.isRam()) {
                continue;
            }
            long bodyStart = s.offset() + 1 + 4 + 1 + s.idstr().length() + 4 + 4;
            long bodyEnd = bodyStart + s.length();
            if (bodyEnd > data.length) {
                throw BadInputException.atOffset(stream.source(), s.offset(), "section beyond the end of the stream");
            }
            WireInput in = new WireInput(stream.source(), data, (int) bodyStart, (int) bodyEnd);
            StateNode node = StateCodec.load(schema, in, s.versionId(), locals == null ? null : locals.get(s.key()));
            if (in.remaining() != 0) {
                throw in.error("section " + s.key() + ": " + in.remaining() + " bytes left after the schema's fields"
                        + " (QEMU: Missing section footer)");
            }
            out.put(s.key(), node);
        }
        return out;
    }
}
