package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;

/**
 * The migrated rebuild flag: "acpi_build" v1 ({@code patched} u8) on PCs, "virt_acpi_build" v1
 * ({@code patched} bool) on ARM virt.
 */
public final class AcpiBuildSchema {
    private AcpiBuildSchema() {
    }

    /** PC: "acpi_build" v1. */
    public static final VmStateDescription PC = VmStateDescription.builder("acpi_build").version(1).minimumVersion(1)
            .uint8("patched").build();
    /** ARM virt: "virt_acpi_build" v1. */
    public static final VmStateDescription VIRT = VmStateDescription.builder("virt_acpi_build").version(1)
            .minimumVersion(1).bool("patched").build();

    /** The schema for {@code family}. */
    public static VmStateDescription of(MachineFamily family) {
        return family == MachineFamily.VIRT ? VIRT : PC;
    }

    /** The values for {@code s}. */
    public static StateNode toNode(AcpiBuildState s) {
        VmStateDescription d = of(s.hardware().family());
        return d == VIRT ? StateNode.builder(d).set("patched", s.patched()).build()
                : StateNode.builder(d).set("patched", s.patched() ? 1 : 0).build();
    }
}
