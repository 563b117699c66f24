package dev.vmtrace.engine.devices.pm;

import dev.vmtrace.engine.device.RegisterMap;
import dev.vmtrace.engine.device.SideEffect;
import dev.vmtrace.engine.memory.AccessRules;

/**
 * The register maps of the PM windows (devices.md 1.3, 1.6, 3.2, 4.2). The PM1 and timer rules
 * are those of "acpi: accept byte and word access to core ACPI registers" (2020), in force in 7.2.
 */
public final class PmRegisters {
    private PmRegisters() {
    }

    /** Offsets inside the PM I/O block (PMBASE). */
    public static final int EVT = 0x00;
    /** PM1 control. */
    public static final int CNT = 0x04;
    /** PM timer. */
    public static final int TMR = 0x08;
    /** ICH9 GPE0 block. */
    public static final int ICH9_GPE0 = 0x20;
    /** ICH9 SMI_EN / SMI_STS. */
    public static final int ICH9_SMI = 0x30;
    /** PIIX4 GPE0 block port (fixed, outside the PM block). */
    public static final long PIIX4_GPE0_PORT = 0xafe0;
    /** ICH9 GPE0 length. */
    public static final int ICH9_GPE0_LEN = 16;
    /** PIIX4 GPE0 length. */
    public static final int PIIX4_GPE0_LEN = 4;
    /** SMI_EN.GBL_SMI_EN. */
    public static final int SMI_EN_GBL = 1;
    /** SMI_EN.APMC_EN. */
    public static final int SMI_EN_APMC = 1 << 5;

    /** PM1 event block: valid 1..2, impl min 2. */
    public static final RegisterMap EVT_MAP = RegisterMap.builder("acpi-evt", 4)
            .rules(AccessRules.valid(1, 2).withImpl(2, 0))
            .register("PM1_STS", 0, 2, 0, SideEffect.WRITE_1_TO_CLEAR, "PM1 status (timer overflow derived from the clock)")
            .register("PM1_EN", 2, 2, 0, SideEffect.NONE, "PM1 enable")
            .build();

    /** PM1 control: valid 1..2, impl min 2. */
    public static final RegisterMap CNT_MAP = RegisterMap.builder("acpi-cnt", 2)
            .rules(AccessRules.valid(1, 2).withImpl(2, 0))
            .register("PM1_CNT", 0, 2, 0, SideEffect.TRIGGER, "PM1 control: SCI_EN, SLP_TYP, SLP_EN (sleep request)")
            .build();

    /** PM timer: valid 1..4, impl min 4. */
    public static final RegisterMap TMR_MAP = RegisterMap.builder("acpi-tmr", 4)
            .rules(AccessRules.valid(1, 4).withImpl(4, 0))
            .register("PM_TMR", 0, 4, 0, SideEffect.VOLATILE, "24-bit PM timer at 3.579545 MHz of virtual time")
            .build();

    /** SMI control: valid 4..4. */
    public static final RegisterMap SMI_MAP = RegisterMap.builder("acpi-smi", 8)
            .rules(AccessRules.valid(4, 4))
            .register("SMI_EN", 0, 4, 0, SideEffect.NONE, "SMI enable (GBL_SMI_EN locked by GEN_PMCON_1.SMI_LOCK)")
            .register("SMI_STS", 4, 4, 0, SideEffect.READ_ONLY, "SMI status (never set)")
            .build();

    /** A GPE0 block of {@code len} bytes: valid 1..4, impl 1..1; status half, then enable half. */
    public static RegisterMap gpe(int len) {
        return RegisterMap.builder("acpi-gpe0", len)
                .rules(AccessRules.valid(1, 4).withImpl(1, 1))
                .register("GPE0_STS", 0, len / 2, 0, SideEffect.WRITE_1_TO_CLEAR, "GPE0 status")
                .register("GPE0_EN", len / 2, len / 2, 0, SideEffect.NONE, "GPE0 enable")
                .build();
    }
}
