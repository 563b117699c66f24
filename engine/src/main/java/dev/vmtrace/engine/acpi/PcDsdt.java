package dev.vmtrace.engine.acpi;

/**
 * The PC DSDT: the PCI host bridge with its resources, the ISA/LPC devices, 32 hotpluggable
 * slots per bus (root bus and each bridge), one processor device per possible CPU and one memory
 * device per hotplug slot. Real AML, vmtrace's own; sizes land in the same range as QEMU 7.2's
 * (about 6.5 KiB for one CPU).
 */
final class PcDsdt {
    private PcDsdt() {
    }

    /** The DSDT body; {@code mmconfig}: the enabled MMCONFIG window (q35) or null. */
    static Aml build(AcpiHardware hw, boolean q35, PciMmconfig mmconfig) {
        Aml sb = new Aml();
        Aml pci = new Aml()
                .nameInt("_HID", q35 ? 0x080ad041L : 0x030ad041L)
                .nameInt("_CID", 0x030ad041L)
                .nameInt("_UID", 0)
                .nameInt("_ADR", 0)
                .nameBuffer("_CRS", hostBridgeResources())
                .method("_OSC", 4, new Aml().returnInt(0))
                .device(q35 ? "LPC" : "ISA", isaDevices(q35));
        slots(pci, 32);
        for (int b = 0; b < hw.pciBridges(); b++) {
            Aml br = new Aml().nameInt("_ADR", (long) (b + 3) << 16).nameInt("BSEL", b + 1);
            slots(br, 32);
            pci.device(String.format("S%02X", (b + 3) * 8), br);
        }
        sb.device("PCI0", pci);
        if (mmconfig != null) {
            // The window is claimed by a motherboard resource device next to PCI0, as QEMU does,
            // so the OS sees it reserved.
            sb.device("DRAC", new Aml().nameString("_HID", "PNP0C01").nameBuffer("_CRS", memoryRange(mmconfig)));
        }
        Aml cpus = new Aml().nameString("_HID", "ACPI0010").nameInt("_CID", 0x050ad041L);
        for (int i = 0; i < hw.maxCpus(); i++) {
            cpus.device(String.format("C%03X", i), new Aml()
                    .nameString("_HID", "ACPI0007")
                    .nameInt("_UID", i)
                    .method("_STA", 0, new Aml().returnCall("CSTA", i))
                    .method("_MAT", 0, new Aml().returnCall("CMAT", i))
                    .method("_OST", 3, new Aml().returnCall("COST", i))
                    .method("_EJ0", 1, new Aml().returnCall("CEJ0", i)));
        }
        cpus.method("CSCN", 0, new Aml().returnInt(0));
        sb.device("CPUS", cpus);
        if (hw.memorySlots() > 0) {
            Aml mhp = new Aml().nameString("_HID", "PNP0A06").nameString("_UID", "Memory hotplug resources")
                    .nameInt("MDNR", hw.memorySlots());
            for (int i = 0; i < hw.memorySlots(); i++) {
                mhp.device(String.format("MP%02X", i), new Aml()
                        .nameInt("_UID", i)
                        .nameInt("_HID", 0x800cd041L)
                        .method("_CRS", 0, new Aml().returnCall("MCRS", i))
                        .method("_STA", 0, new Aml().returnCall("MRST", i))
                        .method("_PXM", 0, new Aml().returnCall("MPXM", i))
                        .method("_OST", 3, new Aml().returnCall("MOST", i))
                        .method("_EJ0", 1, new Aml().returnCall("MEJ0", i)));
            }
            sb.device("MHPC", mhp);
        }
        Aml root = new Aml();
        root.scope("\\_SB", sb);
        Aml gpe = new Aml().nameString("_HID", "ACPI0006");
        for (int i = 0; i < 4; i++) {
            gpe.method(String.format("_E%02X", i), 0, new Aml().notify("\\_SB.PCI0", i));
        }
        root.scope("\\_GPE", gpe);
        root.method("\\_PTS", 1, new Aml().returnInt(0));
        return root;
    }

    private static void slots(Aml bus, int count) {
        for (int s = 0; s < count; s++) {
            bus.device(String.format("S%02X", s * 8), new Aml()
                    .nameInt("_ADR", (long) s << 16)
                    .nameInt("_SUN", s)
                    .method("_EJ0", 1, new Aml().returnCall("PCEJ", s)));
        }
        bus.method("DVNT", 2, new Aml().returnInt(0));
        bus.method("PCNT", 0, new Aml().returnInt(0));
    }

    private static Aml isaDevices(boolean q35) {
        Aml isa = new Aml().nameInt("_ADR", q35 ? 0x001f0000L : 0x00010000L);
        isa.device("RTC", new Aml().nameInt("_HID", 0x000bd041L).nameBuffer("_CRS", io(0x70, 8, 8)));
        isa.device("KBD", new Aml().nameInt("_HID", 0x0303d041L).method("_STA", 0, new Aml().returnInt(0xf))
                .nameBuffer("_CRS", io(0x60, 1, 1)));
        isa.device("MOU", new Aml().nameInt("_HID", 0x130fd041L).method("_STA", 0, new Aml().returnInt(0xf))
                .nameBuffer("_CRS", irq(12)));
        if (!q35) {
            isa.device("FDC0", new Aml().nameInt("_HID", 0x0007d041L).method("_STA", 0, new Aml().returnInt(0xf))
                    .nameBuffer("_CRS", io(0x3f2, 4, 4)));
        }
        isa.method("_PRT", 0, new Aml().returnInt(0));
        return isa;
    }

    /** Bus number, I/O and memory windows of the host bridge. */
    private static byte[] hostBridgeResources() {
        AcpiBlob b = new AcpiBlob();
        b.u8(0x88).le(13, 2).u8(2).u8(0xc).u8(0).le(0, 2).le(0, 2).le(0xff, 2).le(0, 2).le(0x100, 2);
        b.bytes(io(0xcf8, 8, 1));
        for (int i = 0; i < 3; i++) {
            b.u8(0x88).le(13, 2).u8(1).u8(0xc).u8(3).le(0, 2).le(i * 0x1000, 2).le(i * 0x1000 + 0xfff, 2).le(0, 2).le(0x1000, 2);
        }
        for (int i = 0; i < 2; i++) {
            b.u8(0x87).le(23, 2).u8(0).u8(0xc).u8(1).le(0, 4).le(0xa0000L + i, 4).le(0xbffffL, 4).le(0, 4).le(0x20000, 4);
        }
        b.u8(0x8a).le(43, 2).u8(0).u8(0xc).u8(1).zeros(40);
        b.u8(0x79).u8(0);
        return b.toBytes();
    }

    /**
     * A fixed, non-cacheable, read-write memory range descriptor for the window: the 32-bit form
     * (DWord Address Space, 23 bytes) when it ends below 4 GiB, else the 64-bit one (QWord, 43).
     */
    private static byte[] memoryRange(PciMmconfig w) {
        AcpiBlob b = new AcpiBlob();
        // resource type 0 (memory); general flags: min and max fixed; type flags: read-write
        if (w.end() >= 1L << 32) {
            b.u8(0x8a).le(43, 2).u8(0).u8(0xc).u8(1).le(0, 8).le(w.base(), 8).le(w.end(), 8).le(0, 8).le(w.size(), 8);
        } else {
            b.u8(0x87).le(23, 2).u8(0).u8(0xc).u8(1).le(0, 4).le(w.base(), 4).le(w.end(), 4).le(0, 4).le(w.size(), 4);
        }
        b.u8(0x79).u8(0);
        return b.toBytes();
    }

    private static byte[] io(int base, int len, int align) {
        return new AcpiBlob().u8(0x47).u8(1).le(base, 2).le(base, 2).u8(align).u8(len).u8(0x79).u8(0).toBytes();
    }

    private static byte[] irq(int n) {
        return new AcpiBlob().u8(0x22).le(1L << n, 2).u8(0x79).u8(0).toBytes();
    }
}
