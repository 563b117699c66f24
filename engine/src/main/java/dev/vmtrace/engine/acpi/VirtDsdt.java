package dev.vmtrace.engine.acpi;

/**
 * The ARM virt DSDT: CPUs, the PL011 UART, flash, fw_cfg, 32 virtio-mmio transports, the PCIe
 * host bridge with its 128-entry interrupt routing table and link devices, the generic event
 * device with the power button, and one memory device per hotplug slot. vmtrace's own AML.
 */
final class VirtDsdt {
    private VirtDsdt() {
    }

    static Aml build(AcpiHardware hw) {
        Aml sb = new Aml();
        for (int i = 0; i < hw.cpus(); i++) {
            sb.device(String.format("C%03X", i), new Aml().nameString("_HID", "ACPI0007").nameInt("_UID", i));
        }
        sb.device("COM0", new Aml().nameString("_HID", "ARMH0011").nameInt("_UID", 0)
                .nameBuffer("_CRS", mmioIrq(0x09000000L, 0x1000, 33)));
        sb.device("FLS0", new Aml().nameString("_HID", "LNRO0015").nameInt("_UID", 0)
                .nameBuffer("_CRS", concat(mem32(0, 0x4000000), mem32(0x4000000, 0x4000000))));
        sb.device("FWCF", new Aml().nameString("_HID", "QEMU0002").method("_STA", 0, new Aml().returnInt(0xb))
                .nameBuffer("_CRS", mem32(0x09020000L, 0x18)));
        for (int i = 0; i < 32; i++) {
            sb.device(String.format("VR%02d", i), new Aml().nameString("_HID", "LNRO0005").nameInt("_UID", i)
                    .nameInt("_CCA", 1).nameBuffer("_CRS", mmioIrq(0x0a000000L + 0x200L * i, 0x200, 48 + i)));
        }
        sb.device("PCI0", pcie());
        sb.device("GED", new Aml().nameString("_HID", "ACPI0013").nameInt("_UID", 0)
                .nameBuffer("_CRS", mmioIrq(0x09080000L, 0x4, 41))
                .method("_EVT", 1, new Aml().notify("PWRB", 0x80).notify("\\_SB.MHPC", 2)));
        sb.device("PWRB", new Aml().nameString("_HID", "PNP0C0C").nameInt("_UID", 0));
        if (hw.memorySlots() > 0) {
            Aml mhp = new Aml().nameString("_HID", "PNP0A06").nameString("_UID", "Memory hotplug resources")
                    .nameInt("MDNR", hw.memorySlots())
                    .nameBuffer("_CRS", mem32(0x09070000L, 0x18));
            for (int i = 0; i < hw.memorySlots(); i++) {
                mhp.device(String.format("MP%02X", i), new Aml().nameInt("_UID", i).nameInt("_HID", 0x800cd041L)
                        .method("_CRS", 0, new Aml().returnCall("MCRS", i))
                        .method("_STA", 0, new Aml().returnCall("MRST", i))
                        .method("_PXM", 0, new Aml().returnCall("MPXM", i))
                        .method("_OST", 3, new Aml().returnCall("MOST", i))
                        .method("_EJ0", 1, new Aml().returnCall("MEJ0", i)));
            }
            sb.device("MHPC", mhp);
        }
        return new Aml().scope("\\_SB", sb);
    }

    /** The PCIe host bridge: identity, resources, _OSC/_DSM, 4 link devices and the _PRT for 32 slots x 4 pins. */
    private static Aml pcie() {
        Aml pci = new Aml().nameInt("_HID", 0x080ad041L).nameInt("_CID", 0x030ad041L).nameInt("_SEG", 0)
                .nameInt("_BBN", 0).nameInt("_UID", 0).nameString("_STR", "PCIe 0 Device").nameInt("_CCA", 1);
        AcpiBlob prt = new AcpiBlob();
        for (int slot = 0; slot < 32; slot++) {
            for (int pin = 0; pin < 4; pin++) {
                byte[] body = new Aml().nameInt("ADR", ((long) slot << 16) | 0xffff).nameInt("PIN", pin)
                        .nameString("LNK", "GSI" + ((slot + pin) % 4)).nameInt("GSI", 0).toBytes();
                prt.bytes(body);
            }
        }
        pci.nameBuffer("_PRT", prt.toBytes());
        for (int i = 0; i < 4; i++) {
            pci.device("GSI" + i, new Aml().nameString("_HID", "PNP0C0F").nameInt("_UID", i)
                    .nameBuffer("_PRS", irqExt(35 + i)).nameBuffer("_CRS", irqExt(35 + i))
                    .method("_SRS", 1, new Aml().returnInt(0)).method("_DIS", 0, new Aml().returnInt(0)));
        }
        AcpiBlob crs = new AcpiBlob();
        crs.u8(0x88).le(13, 2).u8(2).u8(0xc).u8(0).le(0, 2).le(0, 2).le(0xff, 2).le(0, 2).le(0x100, 2);
        crs.u8(0x87).le(23, 2).u8(0).u8(0xc).u8(1).le(0, 4).le(0x10000000L, 4).le(0x3efeffffL, 4).le(0, 4)
                .le(0x2eff0000L, 4);
        crs.u8(0x87).le(23, 2).u8(1).u8(0xc).u8(3).le(0, 4).le(0, 4).le(0xffff, 4).le(0x3eff0000L, 4).le(0x10000, 4);
        crs.u8(0x8a).le(43, 2).u8(0).u8(0xc).u8(1).zeros(40);
        crs.u8(0x79).u8(0);
        pci.method("_CRS", 0, new Aml().raw(new byte[] {(byte) 0xa4}).raw(bufferOp(crs.toBytes())));
        Aml osc = new Aml();
        for (int i = 0; i < 12; i++) {
            osc.nameInt(String.format("CT%02X", i), 0x1f - i);
        }
        osc.returnInt(0);
        pci.method("_OSC", 4, osc);
        pci.method("_DSM", 4, new Aml().returnInt(0));
        pci.device("RES0", new Aml().nameString("_HID", "PNP0C02").nameBuffer("_CRS", mem32(0x3f000000L, 0x1000000)));
        return pci;
    }

    private static byte[] bufferOp(byte[] b) {
        Aml a = new Aml().nameBuffer("TMP_", b);
        byte[] all = a.toBytes();
        byte[] out = new byte[all.length - 5];
        System.arraycopy(all, 5, out, 0, out.length);
        return out;
    }

    private static byte[] mem32(long base, long len) {
        return new AcpiBlob().u8(0x86).le(9, 2).u8(1).le(base, 4).le(len, 4).toBytes();
    }

    private static byte[] irqExt(int gsi) {
        return new AcpiBlob().u8(0x89).le(6, 2).u8(0x1).u8(1).le(gsi, 4).toBytes();
    }

    private static byte[] mmioIrq(long base, long len, int gsi) {
        return concat(concat(mem32(base, len), irqExt(gsi)), new byte[] {0x79, 0});
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
