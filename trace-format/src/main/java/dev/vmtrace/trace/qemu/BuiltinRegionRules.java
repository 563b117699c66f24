package dev.vmtrace.trace.qemu;

import dev.vmtrace.trace.AccessRules;
import dev.vmtrace.trace.Space;

/**
 * The x86 PC regions of QEMU 7.2 (facts in the project's devices spec, section 1-5): placement on
 * q35 (ICH9, PMBASE 0x600) and i440fx (PIIX4, PMBASE 0xb000) and the valid/impl sizes.
 * The legacy CPU-hotplug block is the first {@code acpi-cpu-hotplug} instance; the modern block
 * replaces it at the same base. Its sizes changed in 7.2.1 (valid max 1 became 4, impl max 1).
 */
public final class BuiltinRegionRules implements RegionRules {
    private static final AccessRules LEGACY_CPUHP_720 = new AccessRules(1, 1, 1, 4, false);
    private static final AccessRules LEGACY_CPUHP = new AccessRules(1, 4, 1, 1, false);
    private static final AccessRules MODERN_CPUHP = new AccessRules(1, 4, 1, 4, false);
    private static final AccessRules BYTE_IMPL = new AccessRules(1, 4, 1, 1, false);
    private static final AccessRules APM = new AccessRules(0, 0, 1, 1, false);
    private static final AccessRules DWORD_ONLY = new AccessRules(4, 4, 1, 4, false);
    private static final AccessRules TMR = new AccessRules(1, 4, 4, 4, false);
    private static final AccessRules WORD_IMPL = new AccessRules(1, 2, 2, 2, false);

    @Override
    public RegionSpec lookup(String machineType, String release, String name, int ordinal) {
        boolean q35 = machineType.contains("q35");
        long pm = q35 ? 0x600 : 0xb000;
        switch (name) {
            case "acpi-cpu-hotplug":
                if (ordinal == 0) {
                    AccessRules r = "7.2.0".equals(release) ? LEGACY_CPUHP_720 : LEGACY_CPUHP;
                    return new RegionSpec(Space.IO, q35 ? 0xcd8 : 0xaf00, 32, r);
                }
                return new RegionSpec(Space.IO, q35 ? 0xcd8 : 0xaf00, 12, MODERN_CPUHP);
            case "acpi-gpe0":
                return new RegionSpec(Space.IO, q35 ? pm + 0x20 : 0xafe0, q35 ? 16 : 4, BYTE_IMPL);
            case "apm-io":
                return new RegionSpec(Space.IO, 0xb2, 2, APM);
            case "acpi-pci-hotplug":
                return new RegionSpec(Space.IO, q35 ? 0xcc0 : 0xae00, 0x18, DWORD_ONLY);
            case "acpi-smi":
                return q35 ? new RegionSpec(Space.IO, pm + 0x30, 8, DWORD_ONLY) : null;
            case "acpi-tmr":
                return new RegionSpec(Space.IO, pm + 8, 4, TMR);
            case "acpi-evt":
                return new RegionSpec(Space.IO, pm, 4, WORD_IMPL);
            case "acpi-cnt":
                return new RegionSpec(Space.IO, pm + 4, 2, WORD_IMPL);
            case "fwcfg":
                return new RegionSpec(Space.IO, 0x510, 2, null);
            case "fwcfg.dma":
                return new RegionSpec(Space.IO, 0x514, 8, null);
            default:
                return null;
        }
    }
}
