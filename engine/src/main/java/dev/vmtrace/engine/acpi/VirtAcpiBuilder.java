package dev.vmtrace.engine.acpi;

/**
 * Builds the ARM virt tables in QEMU's order (hw/arm/virt-acpi-build.c {@code virt_acpi_build},
 * the 2019 layout of seed 004): DSDT at offset 0 (no FACS on hardware-reduced ACPI), FACP,
 * APIC, GTDT, MCFG, SPCR, SRAT (with memory hotplug), the NVDIMM SSDT and NFIT, XSDT; the RSDP
 * (revision 2, 36 bytes, XSDT) in its own blob. Real AML of vmtrace's own, with QEMU's
 * fixed-table sizes (FACP 0x10c, APIC 0xa8 for one CPU, GTDT 0x60, MCFG 0x3c, SPCR 0x50).
 */
public final class VirtAcpiBuilder {
    private VirtAcpiBuilder() {
    }

    /** Base of the virt machine's device memory (NVDIMMs land there). */
    static final long DEVICE_MEMORY_BASE = 0x4000000000L;

    /** Builds the blobs for {@code hw} (family VIRT). */
    public static AcpiBuildResult build(AcpiHardware hw) {
        BuildContext c = new BuildContext(64);
        AcpiBlob t = c.tables;

        int dsdt = AcpiTables.aml(t, c.linker, "DSDT", 2, VirtDsdt.build(hw));
        c.record("DSDT", dsdt, false, true);

        int fadt = AcpiTables.begin(t, "FACP", 5);
        t.zeros(268 - AcpiTables.HEADER);
        t.setLe(fadt + 112, 1 << 20, 4);          // HW_REDUCED_ACPI
        t.setLe(fadt + 129, 0x3, 2);              // ARM boot flags: PSCI compliant, use HVC
        c.linker.addPointer(AcpiFiles.TABLES, fadt + 140, 8, AcpiFiles.TABLES, dsdt);
        AcpiTables.end(t, c.linker, fadt);
        c.record("FACP", fadt, true, false);

        int madt = AcpiTables.begin(t, "APIC", 3);
        t.le(0, 4).le(0, 4);
        t.u8(0xc).u8(24).le(0, 2).le(0, 4).le(0x08000000L, 8).le(0, 4).u8(2).zeros(3);
        for (int i = 0; i < hw.cpus(); i++) {
            t.u8(0xb).u8(76).le(0, 2).le(i, 4).le(i, 4).le(1, 4).le(0, 4).le(23, 4).le(0, 8)
                    .le(0x08010000L, 8).le(0, 8).le(0, 8).le(25, 4).le(0, 8).le(i, 8);
        }
        t.u8(0xd).u8(24).le(0, 2).le(0, 4).le(0x08020000L, 8).le(1, 4).le(64, 2).le(48, 2);
        AcpiTables.end(t, c.linker, madt);
        c.record("APIC", madt, true, false);

        int gtdt = AcpiTables.begin(t, "GTDT", 2);
        t.le(-1L, 8).le(0, 4).le(29, 4).le(4, 4).le(30, 4).le(4, 4).le(27, 4).le(4, 4).le(26, 4).le(4, 4)
                .le(-1L, 8).le(0, 4).le(0, 4);
        AcpiTables.end(t, c.linker, gtdt);
        c.record("GTDT", gtdt, true, false);

        int mcfg = AcpiTables.begin(t, "MCFG", 1);
        t.zeros(8).le(0x4010000000L, 8).le(0, 2).u8(0).u8(0xff).le(0, 4);
        AcpiTables.end(t, c.linker, mcfg);
        c.record("MCFG", mcfg, true, false);

        int spcr = AcpiTables.begin(t, "SPCR", 2);
        // interface type (PL011), base address GAS, interrupt type and GSI, baud, parity, stop bits, flow, terminal
        t.u8(3).zeros(3).u8(0).u8(32).u8(0).u8(3).le(0x09000000L, 8).u8(8).u8(0).zeros(2).le(33, 4).u8(3).u8(0)
                .u8(1).u8(0).u8(0).u8(0).le(0xffff, 2).le(0xffff, 2);
        AcpiTables.padTo(t, spcr, 80);
        AcpiTables.end(t, c.linker, spcr);
        c.record("SPCR", spcr, true, false);

        if (hw.memorySlots() > 0) {
            int srat = AcpiTables.begin(t, "SRAT", 3);
            t.le(1, 4).zeros(8);
            for (int i = 0; i < hw.cpus(); i++) {
                t.u8(3).u8(18).le(0, 4).le(i, 4).le(1, 4).le(0, 4);
            }
            t.u8(1).u8(40).le(0, 4).le(0, 2).le(0x40000000L, 8).le(0x8000000L, 8).le(0, 4).le(1, 4).zeros(8);
            t.u8(1).u8(40).le(0, 4).le(0, 2).le(DEVICE_MEMORY_BASE, 8).le(1L << 30, 8).le(0, 4).le(3, 4).zeros(8);
            AcpiTables.end(t, c.linker, srat);
            c.record("SRAT", srat, true, false);
        }

        if (hw.nvdimmEnabled()) {
            PcAcpiBuilder.nvdimmTables(c, hw);
        }

        int xsdt = AcpiTables.rootTable(t, c.linker, c.rootEntries, true);
        c.record("XSDT", xsdt, false, false);
        AcpiBlob rsdp = AcpiTables.rsdp(c.linker, xsdt, true, false);
        return c.finish(rsdp);
    }
}
