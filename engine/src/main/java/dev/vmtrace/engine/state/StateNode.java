package dev.vmtrace.engine.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values of one description: what a device's {@code state()} produces and its
 * {@code restore(...)} consumes. Fields are by name in wire order; subsections by their
 * description name; properties are device configuration that conditions may read but that is
 * never sent (for example a bridge-mode switch or the possible-CPU count).
 *
 * @param description the description name ({@code vmsd_name})
 * @param versionId the version the values belong to (saved with, or loaded from)
 * @param fields field values by name
 * @param subsections subsection values by description name (only those present)
 * @param properties unsent configuration values by name
 */
public record StateNode(String description, int versionId, Map<String, StateValue> fields,
        Map<String, StateNode> subsections, Map<String, StateValue> properties)
        implements StateValue, FieldValues {

    public StateNode {
        Objects.requireNonNull(description, "description");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        subsections = Collections.unmodifiableMap(new LinkedHashMap<>(subsections));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A builder for the values of {@code schema} at its current version. */
    public static Builder builder(VmStateDescription schema) {
        return new Builder(schema.name(), schema.versionId());
    }

    /** A builder for description {@code name} at {@code versionId}. */
    public static Builder builder(String name, int versionId) {
        return new Builder(name, versionId);
    }

    @Override
    public StateValue find(String name) {
        StateValue v = fields.get(name);
        return v != null ? v : properties.get(name);
    }

    /** The field {@code name}; fails fast when absent. */
    public StateValue get(String name) {
        StateValue v = fields.get(name);
        if (v == null) {
            throw new IllegalStateException(description + " has no field " + name);
        }
        return v;
    }

    /** The buffer field {@code name}. */
    public Bytes getBytes(String name) {
        StateValue v = get(name);
        if (v instanceof StateValue.Buf b) {
            return b.bytes();
        }
        throw new IllegalStateException(description + "." + name + " is not a buffer");
    }

    /** The nested-description field {@code name}. */
    public StateNode getNode(String name) {
        StateValue v = get(name);
        if (v instanceof StateNode n) {
            return n;
        }
        throw new IllegalStateException(description + "." + name + " is not a struct");
    }

    /** The elements of array field {@code name}. */
    public List<StateValue> getArray(String name) {
        StateValue v = get(name);
        if (v instanceof StateValue.Array a) {
            return a.elements();
        }
        throw new IllegalStateException(description + "." + name + " is not an array");
    }

    /** A builder initialised with this node's contents. */
    public Builder toBuilder() {
        Builder b = new Builder(description, versionId);
        b.fields.putAll(fields);
        b.subsections.putAll(subsections);
        b.properties.putAll(properties);
        return b;
    }

    /** Mutable builder for a {@link StateNode}. */
    public static final class Builder {
        private final String description;
        private int versionId;
        private final LinkedHashMap<String, StateValue> fields = new LinkedHashMap<>();
        private final LinkedHashMap<String, StateNode> subsections = new LinkedHashMap<>();
        private final LinkedHashMap<String, StateValue> properties = new LinkedHashMap<>();

        Builder(String description, int versionId) {
            this.description = description;
            this.versionId = versionId;
        }

        /** The version the values belong to. */
        public Builder version(int version) {
            this.versionId = version;
            return this;
        }

        /** Sets field {@code name}. */
        public Builder set(String name, StateValue value) {
            fields.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** Sets integer field {@code name} (all integer wire types, timers). */
        public Builder set(String name, long value) {
            return set(name, new StateValue.Int(value));
        }

        /** Sets boolean field {@code name}. */
        public Builder set(String name, boolean value) {
            return set(name, new StateValue.Bool(value));
        }

        /** Sets buffer field {@code name}. */
        public Builder set(String name, Bytes value) {
            return set(name, new StateValue.Buf(value));
        }

        /** An array field. */
        public Builder setArray(String name, List<? extends StateValue> elements) {
            return set(name, new StateValue.Array(List.copyOf(elements)));
        }

        /** A subsection's values (sent only if its {@code needed} condition holds). */
        public Builder subsection(StateNode node) {
            subsections.put(node.description(), node);
            return this;
        }

        /** A device property: visible to conditions, never sent. */
        public Builder property(String name, long value) {
            properties.put(name, new StateValue.Int(value));
            return this;
        }

        /** A boolean device property: visible to conditions, never sent. */
        public Builder property(String name, boolean value) {
            properties.put(name, new StateValue.Bool(value));
            return this;
        }

        /** Copies an unsent property value (used when loading against a local state). */
        Builder properties0(String name, StateValue value) {
            properties.put(name, value);
            return this;
        }

        /** The immutable node. */
        public StateNode build() {
            return new StateNode(description, versionId, fields, subsections, properties);
        }
    }
}
