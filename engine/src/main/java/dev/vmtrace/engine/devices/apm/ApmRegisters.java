package dev.vmtrace.engine.devices.apm;

import dev.vmtrace.engine.device.RegisterMap;
import dev.vmtrace.engine.device.SideEffect;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;

/**
 * The APM region {@code apm-io} (hw/isa/apm.c, devices.md 4.1): 2 bytes at 0xb2, no valid block,
 * impl 1..1, native endianness.
 */
public final class ApmRegisters {
    private ApmRegisters() {
    }

    /** Base port. */
    public static final long BASE = 0xb2;

    /** The register map. */
    public static final RegisterMap MAP = RegisterMap.builder("apm-io", 2)
            .endianness(Endianness.NATIVE)
            .rules(AccessRules.impl(1, 1))
            .register("APMC", 0, 1, 0, SideEffect.TRIGGER, "APM control: store, then call the chipset callback")
            .register("APMS", 1, 1, 0, SideEffect.NONE, "APM status: scratch byte")
            .build();
}
