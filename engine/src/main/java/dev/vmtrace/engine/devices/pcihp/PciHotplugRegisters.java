package dev.vmtrace.engine.devices.pcihp;

import dev.vmtrace.engine.device.RegisterMap;
import dev.vmtrace.engine.device.SideEffect;
import dev.vmtrace.engine.memory.AccessRules;

/** The {@code acpi-pci-hotplug} register block (devices.md 3.1): 0x18 bytes, DWORD only. */
public final class PciHotplugRegisters {
    private PciHotplugRegisters() {
    }

    /** PIIX4 base port. */
    public static final long PIIX4_BASE = 0xae00;
    /** ICH9 base port. */
    public static final long ICH9_BASE = 0xcc0;
    /** Register offsets. */
    public static final int UP = 0x00;
    /** Pending removals. */
    public static final int DOWN = 0x04;
    /** Eject (write) / feature bitmap (read 0). */
    public static final int EJECT = 0x08;
    /** Hot-pluggable slots. */
    public static final int RMV = 0x0c;
    /** Bus selector. */
    public static final int SEL = 0x10;
    /** acpi-index query. */
    public static final int AIDX = 0x14;

    /** The map: valid 4..4, default impl. */
    public static final RegisterMap MAP = RegisterMap.builder("acpi-pci-hotplug", 0x18)
            .rules(AccessRules.valid(4, 4))
            .register("UP", UP, 4, 0, SideEffect.CLEAR_ON_READ, "slots with a pending insert (cleared on read in bridge mode)")
            .register("DOWN", DOWN, 4, 0, SideEffect.READ_ONLY, "slots with a pending removal request")
            .register("EJ", EJECT, 4, 0, SideEffect.TRIGGER, "eject the lowest set slot (write); reads 0")
            .register("RMV", RMV, 4, 0xffffffffL, SideEffect.READ_ONLY, "hot-pluggable slots of the selected bus")
            .register("SEL", SEL, 4, 0, SideEffect.NONE, "bus selector (bsel); forced to 0 in legacy-piix mode")
            .register("AIDX", AIDX, 4, 0, SideEffect.CLEAR_ON_READ, "acpi-index of the slot last written; cleared on read")
            .build();
}
