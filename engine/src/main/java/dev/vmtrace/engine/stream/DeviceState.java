package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.Objects;

/**
 * One device section to save: its section id string and instance, its schema, and its values.
 *
 * @param idstr the section id string ({@code "fw_cfg"}, {@code "0000:00:01.3/piix4_pm"})
 * @param instanceId the instance id
 * @param schema the description to save with
 * @param state the values
 */
public record DeviceState(String idstr, int instanceId, VmStateDescription schema, StateNode state) {
    public DeviceState {
        Objects.requireNonNull(idstr, "idstr");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(state, "state");
        if (idstr.isEmpty() || idstr.length() > 255) {
            throw new IllegalArgumentException("section id string must be 1..255 bytes: " + idstr);
        }
        if (instanceId < 0) {
            throw new IllegalArgumentException("negative instance id");
        }
    }

    /** {@code idstr} and, when not 0, the instance id, as {@link StreamSection#key()} spells it. */
    public String key() {
        return instanceId == 0 ? idstr : idstr + " " + instanceId;
    }
}
