package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.machine.MachineFamily;

/**
 * Builds the PC (pc-i440fx, pc-q35) tables in QEMU 7.2's order (hw/i386/acpi-build.c
 * {@code acpi_build}): FACS, DSDT, FACP, APIC, HPET, SRAT (with memory slots), MCFG (q35 while the
 * MMCONFIG window is enabled), the NVDIMM SSDT and NFIT, WAET, RSDT; the RSDP (revision 0) in its
 * own FSEG blob. The tables are structurally valid (headers,
 * lengths, checksum and pointer commands) and grow with CPUs, PCI bridges and NVDIMMs as QEMU's
 * do, but the AML is vmtrace's own, not QEMU's bytes.
 */
public final class PcAcpiBuilder {
    private PcAcpiBuilder() {
    }

    /** Guest-physical base of the NVDIMM area QEMU places above RAM (tables only use it as a number). */
    static final long NVDIMM_BASE = 0x100000000L;

    /** Builds the blobs for {@code hw} (family I440FX or Q35) as QEMU 7.2 does. */
    public static AcpiBuildResult build(AcpiHardware hw) {
        return build(hw, true);
    }

    /**
     * Builds the blobs for {@code hw}; {@code waet}: the release has the WAET table (QEMU 5.0 and
     * later, every machine type).
     */
    public static AcpiBuildResult build(AcpiHardware hw, boolean waet) {
        boolean q35 = hw.family() == MachineFamily.Q35;
        // Asked once per build, so the DSDT and the MCFG describe the same window.
        PciMmconfig mmconfig = q35 ? hw.mmconfig().orElse(null) : null;
        BuildContext c = new BuildContext(64);
        AcpiBlob t = c.tables;

        int facs = t.length();
        // ACPI 1.0b layout as QEMU writes it: signature, length, then zeros (hardware signature,
        // waking vector, global lock, flags, 40 reserved bytes; no version byte).
        t.ascii("FACS", 4).le(64, 4).zeros(64 - 8);
        c.record("FACS", facs, false, false);

        int dsdt = AcpiTables.aml(t, c.linker, "DSDT", 1, PcDsdt.build(hw, q35, mmconfig));
        c.record("DSDT", dsdt, false, true);

        int fadt = AcpiTables.begin(t, "FACP", q35 ? 3 : 1);
        int fadtLength = q35 ? 244 : 116;
        t.zeros(fadtLength - AcpiTables.HEADER);
        fadtFields(t, fadt, q35, hw.pmIoBase());
        c.linker.addPointer(AcpiFiles.TABLES, fadt + 36, 4, AcpiFiles.TABLES, facs);
        c.linker.addPointer(AcpiFiles.TABLES, fadt + 40, 4, AcpiFiles.TABLES, dsdt);
        if (q35) {
            c.linker.addPointer(AcpiFiles.TABLES, fadt + 140, 8, AcpiFiles.TABLES, dsdt);
        }
        AcpiTables.end(t, c.linker, fadt);
        c.record("FACP", fadt, true, false);

        int madt = AcpiTables.begin(t, "APIC", 1);
        t.le(0xfee00000L, 4).le(1, 4);
        for (int i = 0; i < hw.maxCpus(); i++) {
            if (i < 255) {
                t.u8(0).u8(8).u8(i).u8(i).le(i < hw.cpus() ? 1 : 0, 4);
            } else {
                t.u8(9).u8(16).le(0, 2).le(i, 4).le(i < hw.cpus() ? 1 : 0, 4).le(i, 4);
            }
        }
        t.u8(1).u8(12).u8(0).u8(0).le(0xfec00000L, 4).le(0, 4);
        t.u8(2).u8(10).u8(0).u8(0).le(2, 4).le(0, 2);
        for (int irq : new int[] {5, 9, 10, 11}) {
            t.u8(2).u8(10).u8(0).u8(irq).le(irq, 4).le(0xd, 2);
        }
        t.u8(4).u8(6).u8(0xff).le(0, 2).u8(1);
        AcpiTables.end(t, c.linker, madt);
        c.record("APIC", madt, true, false);

        int hpet = AcpiTables.begin(t, "HPET", 1);
        t.le(0x8086a201L, 4).u8(0).u8(0).u8(0).u8(0).le(0xfed00000L, 8).u8(0).le(0, 2).u8(0);
        AcpiTables.end(t, c.linker, hpet);
        c.record("HPET", hpet, true, false);

        if (hw.memorySlots() > 0) {
            // SRAT: with memory hotplug slots QEMU describes one NUMA node, every possible CPU
            // and four memory ranges (below 640 KiB, low RAM, high RAM, the hotplug area).
            int srat = AcpiTables.begin(t, "SRAT", 1);
            t.le(1, 4).zeros(8);
            for (int i = 0; i < hw.maxCpus(); i++) {
                t.u8(0).u8(16).u8(0).u8(i).le(i < hw.cpus() ? 1 : 0, 4).u8(0).zeros(3).le(0, 4);
            }
            long[][] ranges = {{0, 0xa0000}, {0x100000, 0x1f00000}, {0x100000000L, 0}, {0x100000000L, 1L << 30}};
            for (long[] r : ranges) {
                t.u8(1).u8(40).le(0, 4).le(0, 2).le(r[0], 8).le(r[1], 8).le(0, 4).le(r[1] == 0 ? 0 : 1, 4).zeros(8);
            }
            AcpiTables.end(t, c.linker, srat);
            c.record("SRAT", srat, true, false);
        }

        if (mmconfig != null) {
            // MCFG (PCI Firmware Specification 4.1.2): 8 reserved bytes, then one allocation
            // entry: base, segment 0, first bus 0, last bus, 4 reserved bytes.
            int mcfg = AcpiTables.begin(t, "MCFG", 1);
            t.zeros(8).le(mmconfig.base(), 8).le(0, 2).u8(0).u8(mmconfig.lastBus()).le(0, 4);
            AcpiTables.end(t, c.linker, mcfg);
            c.record("MCFG", mcfg, true, false);
        }

        if (hw.nvdimmEnabled()) {
            nvdimmTables(c, hw);
        }

        if (waet) {
            // WAET (QEMU 5.0, Liran Alon): "ACPI PM timer good".
            int w = AcpiTables.begin(t, "WAET", 1);
            t.le(1 << 1, 4);
            AcpiTables.end(t, c.linker, w);
            c.record("WAET", w, true, false);
        }

        int rsdt = AcpiTables.rootTable(t, c.linker, c.rootEntries, false);
        c.record("RSDT", rsdt, false, false);
        AcpiBlob rsdp = AcpiTables.rsdp(c.linker, rsdt, false, true);
        return c.finish(rsdp);
    }

    /** The NVDIMM SSDT (always, with nvdimm=on) and the NFIT (only with devices), as QEMU orders them. */
    static void nvdimmTables(BuildContext c, AcpiHardware hw) {
        AcpiBlob dsm = new AcpiBlob().zeros(4096);
        c.linker.allocate(AcpiFiles.NVDIMM_DSM, dsm, 4096, false);
        c.extra.add(new AcpiBuildResult.ExtraFile(AcpiFiles.NVDIMM_DSM, 4096));
        Aml body = new Aml();
        Aml root = new Aml().nameString("_HID", "ACPI0012");
        // One device per memory slot, plugged or not (QEMU describes every slot), so the SSDT
        // does not change when an NVDIMM is hot-added; the NFIT does.
        for (int i = 0; i < hw.memorySlots(); i++) {
            root.device(String.format("NV%02X", i), new Aml().nameInt("_ADR", i + 1)
                    .method("_DSM", 4, new Aml().returnCall("NCAL", 0, i + 1)));
        }
        root.method("_DSM", 4, new Aml().returnCall("NCAL", 0, 0));
        root.method("NCAL", 5, new Aml().returnInt(0));
        body.scope("\\_SB", new Aml().device("NVDR", root));
        // MEMA: the DSM page address, patched by the loader
        body.nameInt("MEMA", 0x12345678L);
        int ssdt = AcpiTables.begin(c.tables, "SSDT", 1);
        c.tables.bytes(body.toBytes());
        int memaField = c.tables.length() - 4;
        c.linker.addPointer(AcpiFiles.TABLES, memaField, 4, AcpiFiles.NVDIMM_DSM, 0);
        AcpiTables.end(c.tables, c.linker, ssdt);
        c.record("SSDT", ssdt, true, true);
        if (!hw.nvdimms().isEmpty()) {
            int nfit = c.tables.length();
            AcpiTables.nfit(c.tables, c.linker, hw.nvdimms().size(), NVDIMM_BASE, 16L << 20);
            c.record("NFIT", nfit, true, false);
        }
    }

    /**
     * The FADT fields as QEMU 7.2 fills them (observed under qtest): interrupt model 1, SCI 9, the
     * APM port and the ACPI enable/disable commands of the chipset, the PM1 event, PM1 control,
     * timer and (q35) GPE0 blocks at the PM I/O base, C2/C3 latencies above their limits (no C
     * states), century 0x32 and the flags; q35 (revision 3) also the 8042 boot flag, the reset
     * register (I/O 0xcf9, value 0x0f) and the extended (GAS) block addresses.
     */
    private static void fadtFields(AcpiBlob t, int fadt, boolean q35, long pmBase) {
        long gpe0 = q35 ? pmBase + 0x20 : 0xafe0;
        t.setLe(fadt + 44, 1, 1);                 // INT_MODEL
        t.setLe(fadt + 46, 9, 2);                 // SCI_INT
        t.setLe(fadt + 48, 0xb2, 4);              // SMI_CMD
        t.setLe(fadt + 52, q35 ? 2 : 0xf1, 1);    // ACPI_ENABLE
        t.setLe(fadt + 53, q35 ? 3 : 0xf0, 1);    // ACPI_DISABLE
        t.setLe(fadt + 56, pmBase, 4);            // PM1a_EVT_BLK
        t.setLe(fadt + 64, pmBase + 4, 4);        // PM1a_CNT_BLK
        t.setLe(fadt + 76, pmBase + 8, 4);        // PM_TMR_BLK
        t.setLe(fadt + 80, gpe0, 4);              // GPE0_BLK
        t.setLe(fadt + 88, 4, 1);                 // PM1_EVT_LEN
        t.setLe(fadt + 89, 2, 1);                 // PM1_CNT_LEN
        t.setLe(fadt + 91, 4, 1);                 // PM_TMR_LEN
        t.setLe(fadt + 92, q35 ? 0x10 : 4, 1);    // GPE0_BLK_LEN
        t.setLe(fadt + 96, 0xfff, 2);             // P_LVL2_LAT
        t.setLe(fadt + 98, 0xfff, 2);             // P_LVL3_LAT
        t.setLe(fadt + 108, 0x32, 1);             // CENTURY (CMOS index)
        t.setLe(fadt + 112, q35 ? 0x84a5 : 0x80a5, 4); // flags
        if (!q35) {
            return;
        }
        t.setLe(fadt + 109, 2, 2);                // IAPC_BOOT_ARCH: 8042
        gas(t, fadt + 116, 8, 0xcf9);             // RESET_REG
        t.setLe(fadt + 128, 0x0f, 1);             // RESET_VALUE
        gas(t, fadt + 148, 32, pmBase);           // X_PM1a_EVT_BLK
        gas(t, fadt + 172, 16, pmBase + 4);       // X_PM1a_CNT_BLK
        gas(t, fadt + 208, 32, pmBase + 8);       // X_PM_TMR_BLK
        gas(t, fadt + 220, 128, gpe0);            // X_GPE0_BLK
    }

    /** A generic address structure in system I/O space, byte access unspecified. */
    private static void gas(AcpiBlob t, int at, int bitWidth, long address) {
        t.setLe(at, 1, 1);
        t.setLe(at + 1, bitWidth, 1);
        t.setLe(at + 4, address, 8);
    }
}
