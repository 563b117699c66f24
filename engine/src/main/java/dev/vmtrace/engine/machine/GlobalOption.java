package dev.vmtrace.engine.machine;

import java.util.Objects;

/**
 * A {@code --global DRIVER.PROP=VALUE} option.
 *
 * @param driver the driver
 * @param property the property
 * @param value the value as text
 */
public record GlobalOption(String driver, String property, String value) {
    /** Validates the fields. */
    public GlobalOption {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
    }

    /** {@code driver.property}. */
    public String key() {
        return driver + "." + property;
    }
}
