package dev.vmtrace.engine.machine;

import java.util.List;

/**
 * How a device package contributes to machines without editing the core: it declares its compat
 * properties and entries and, when a machine is built, maps its regions and registers its
 * devices through the {@link MachineBuilder}. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code engine/src/main/resources/META-INF/services/dev.vmtrace.engine.machine.MachinePart}.
 */
public interface MachinePart {
    /** A short id for reports ({@code apm}, {@code cpu-hotplug}). */
    String id();

    /** Parts build in ascending order (the base region map is 0; devices default to 100). */
    default int order() {
        return 100;
    }

    /** The compat properties this part declares. */
    default List<CompatProperty<?>> compatProperties() {
        return List.of();
    }

    /** The compat facts for this part's properties. */
    default List<CompatEntry<?>> compatEntries() {
        return List.of();
    }

    /** Adds this part's devices to the machine being built (may do nothing for some types). */
    void build(MachineBuilder builder);
}
