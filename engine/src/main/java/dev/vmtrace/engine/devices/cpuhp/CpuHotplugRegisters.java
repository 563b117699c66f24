package dev.vmtrace.engine.devices.cpuhp;

import dev.vmtrace.engine.device.RegisterMap;
import dev.vmtrace.engine.device.SideEffect;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.memory.AccessRules;

/**
 * The two register maps of the ACPI CPU hotplug block (devices.md 2.1 and 2.2). Both regions are
 * named {@code acpi-cpu-hotplug}, as QEMU names them; the modern one replaces the legacy one at
 * the same base when the guest switches.
 */
public final class CpuHotplugRegisters {
    private CpuHotplugRegisters() {
    }

    /** Legacy and modern base on ICH9 (q35). */
    public static final long ICH9_BASE = 0xcd8;
    /** Legacy and modern base on PIIX4 (i440fx). */
    public static final long PIIX4_BASE = 0xaf00;
    /** Size of the legacy present-CPU bitmap window. */
    public static final int LEGACY_SIZE = 32;
    /** Size of the modern register block. */
    public static final int MODERN_SIZE = 12;

    /** Offset of the selector (write) / command data 2 (read). */
    public static final int SELECTOR = 0;
    /** Offset of the flags (read) / control (write) byte. */
    public static final int FLAGS = 4;
    /** Offset of the command byte (write). */
    public static final int COMMAND = 5;
    /** Offset of the command data DWORD. */
    public static final int DATA = 8;

    /**
     * Guest-valid 1..4 and implemented 1..1: Laszlo Ersek's January 2023 fix "acpi: cpuhp: fix
     * guest-visible maximum access size to the legacy reg block", in v8.0 and stable 7.2.1.
     */
    public static final AccessRules LEGACY_RULES_FIXED = AccessRules.valid(1, 4).withImpl(1, 1);
    /** Guest-valid 1..1 with QEMU's default impl sizes: 2.7 (16bcab97eb9f series) to 7.2.0. */
    public static final AccessRules LEGACY_RULES_UNFIXED = AccessRules.valid(1, 1);

    /** The first release with the fixed legacy access rules. */
    public static final Release FIX_RELEASE = Release.of(7, 2, 1);

    /** The legacy map with the rules {@code release} has. */
    public static RegisterMap legacy(Release release) {
        return legacy(release.atLeast(FIX_RELEASE));
    }

    /** The legacy map, before ({@code fixed} false) or after the access-size fix. */
    public static RegisterMap legacy(boolean fixed) {
        RegisterMap.Builder b = RegisterMap.builder("acpi-cpu-hotplug", LEGACY_SIZE)
                .rules(fixed ? LEGACY_RULES_FIXED : LEGACY_RULES_UNFIXED);
        b.register("STS0", 0, 1, 0, SideEffect.TRIGGER,
                "present CPUs by APIC id, byte 0; a write of 0 here switches to the modern block");
        for (int i = 1; i < LEGACY_SIZE; i++) {
            b.register("STS" + i, i, 1, 0, SideEffect.READ_ONLY, "present CPUs by APIC id, byte " + i);
        }
        return b.build();
    }

    /** The modern block: valid 1..4, default impl; the handler switches on the exact offset. */
    public static final RegisterMap MODERN = RegisterMap.builder("acpi-cpu-hotplug", MODERN_SIZE)
            .rules(AccessRules.valid(1, 4))
            .register("SEL", SELECTOR, 4, 0, SideEffect.NONE, "CPU selector (write) / command data 2 (read)")
            .register("FLAGS", FLAGS, 1, 0, SideEffect.TRIGGER, "flags (read) / control: clear events, eject (write)")
            .register("CMD", COMMAND, 1, 0, SideEffect.TRIGGER, "command (write); reads 0")
            .register("DATA", DATA, 4, 0, SideEffect.NONE, "command data (read) / OST event or status (write)")
            .build();
}
