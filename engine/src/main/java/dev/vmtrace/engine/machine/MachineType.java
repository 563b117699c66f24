package dev.vmtrace.engine.machine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable machine type ({@code pc-q35-7.2}): a family, a version, and the value of every
 * compat property, resolved from the {@link CompatEntry} lists.
 */
public final class MachineType {
    private final MachineFamily family;
    private final MachineVersion version;
    private final Map<CompatProperty<?>, Object> values;

    MachineType(MachineFamily family, MachineVersion version, Map<CompatProperty<?>, Object> values) {
        this.family = Objects.requireNonNull(family, "family");
        this.version = Objects.requireNonNull(version, "version");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The QEMU name, e.g. {@code pc-q35-7.2}. */
    public String name() {
        return family.prefix() + "-" + version;
    }

    public MachineFamily family() {
        return family;
    }

    public MachineVersion version() {
        return version;
    }

    /** The value of {@code property} on this machine type (its default if no entry applies). */
    public <T> T get(CompatProperty<T> property) {
        Object v = values.get(property);
        return property.type().cast(v != null ? v : property.defaultValue());
    }

    /** Every property with its resolved value, in declaration order. */
    public Map<CompatProperty<?>, Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineType && ((MachineType) o).name().equals(name())
                && ((MachineType) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return name().hashCode();
    }
}
