package dev.vmtrace.engine.machine;

import java.util.Objects;

/**
 * One compat fact: machine types of {@code family} (null: every PC family) up to and including
 * version {@code upTo} get {@code value} for {@code property}; newer ones keep the default.
 *
 * @param property the property
 * @param value the value old machine types get
 * @param upTo the newest machine-type version the value applies to ({@code X.Y})
 * @param family the family, or null for all PC families
 * @param source the QEMU commit or version that is the source of the fact
 * @param <T> value type
 */
public record CompatEntry<T>(CompatProperty<T> property, T value, MachineVersion upTo, MachineFamily family,
                             String source) {
    /** Validates the fields. */
    public CompatEntry {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(upTo, "upTo");
        Objects.requireNonNull(source, "source");
    }

    /** Whether the entry applies to machine type {@code family}-{@code version}. */
    public boolean appliesTo(MachineFamily f, MachineVersion version) {
        return (family == null || family == f) && version.atMost(upTo.major(), upTo.minor());
    }
}
