package dev.vmtrace.engine.machine;

import java.util.Map;
import java.util.Objects;

/**
 * A {@code --device DRIVER[,k=v...]} option.
 *
 * @param driver the driver name
 * @param properties the properties in the order given
 */
public record DeviceOption(String driver, Map<String, String> properties) {
    /** Copies the properties. */
    public DeviceOption {
        Objects.requireNonNull(driver, "driver");
        properties = Map.copyOf(properties);
    }
}
