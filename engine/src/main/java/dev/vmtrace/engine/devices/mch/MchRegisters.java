package dev.vmtrace.engine.devices.mch;

import dev.vmtrace.engine.device.Register;
import dev.vmtrace.engine.device.SideEffect;
import dev.vmtrace.engine.devices.pci.PciConfig;
import java.util.List;

/**
 * The q35 host bridge (MCH, 00:00.0) config registers vmtrace models, with QEMU 7.2's reset
 * values and write masks (hw/pci-host/q35.c, read back with qtest through 0xcf8/0xcfc). Every
 * other byte of the space keeps PCI's defaults: read-only header, writable 0x40..0xff.
 */
public final class MchRegisters {
    private MchRegisters() {
    }

    /** Extended TSEG size in MiB (word); 0xffff written asks the bridge for its size. */
    public static final int EXT_TSEG_MBYTES = 0x50;
    /** The query value of EXT_TSEG_MBYTES. */
    public static final int EXT_TSEG_QUERY = 0xffff;
    /** PCIEXBAR (64-bit): enable bit 0, length bits 1..2, base address bits 25..35. */
    public static final int PCIEXBAR = 0x60;
    /** PCIEXBAR length field value: 256 MiB (0), 128 MiB (1), 64 MiB (2), reserved (3). */
    public static final int PCIEXBAR_LENGTH_SHIFT = 1;
    /** The first PAM register (seven bytes, 0x90..0x96). */
    public static final int PAM0 = 0x90;
    /** F_SMBASE: SMRAM at SMBASE negotiation (QEMU-specific). */
    public static final int F_SMBASE = 0x9c;
    /** SMRAM control. */
    public static final int SMRAM = 0x9d;
    /** Extended SMRAM control. */
    public static final int ESMRAMC = 0x9e;

    /** PCIEXBAR reset value: base 0xb0000000, 256 MiB, disabled. */
    public static final long PCIEXBAR_RESET = 0xb0000000L;
    /** PCIEXBAR base bits always kept (28..35); 128 MiB adds bit 26 and 25, 64 MiB adds bit 25. */
    public static final long PCIEXBAR_BASE_MASK = 0xff0000000L;
    /** SMRAM reset: C_BASE_SEG hard-wired to 0b010. */
    public static final int SMRAM_RESET = 0x02;
    /** SMRAM writable bits before D_LCK: D_OPEN, D_CLS, D_LCK, G_SMRAME. */
    public static final int SMRAM_WMASK = 0x78;
    /** SMRAM writable bits after D_LCK: D_CLS. */
    public static final int SMRAM_WMASK_LOCKED = 0x20;
    /** SMRAM.D_OPEN. */
    public static final int SMRAM_D_OPEN = 0x40;
    /** SMRAM.D_LCK. */
    public static final int SMRAM_D_LCK = 0x10;
    /** ESMRAMC reset: SM_CACHE, SM_L1, SM_L2. */
    public static final int ESMRAMC_RESET = 0x38;
    /** ESMRAMC writable bits before D_LCK: H_SMRAME, TSEG_SZ, T_EN (none after). */
    public static final int ESMRAMC_WMASK = 0x87;
    /** F_SMBASE value that asks whether SMRAM at SMBASE is supported. */
    public static final int F_SMBASE_QUERY = 0xff;
    /** F_SMBASE answer: SMRAM at SMBASE is available. */
    public static final int F_SMBASE_IN_RAM = 0x01;
    /** F_SMBASE lock bit. */
    public static final int F_SMBASE_LCK = 0x02;

    /** The modeled registers: offset, width, reset value, side effect (table tests use this). */
    public static final List<Register> REGISTERS = List.of(
            new Register("EXT_TSEG_MBYTES", EXT_TSEG_MBYTES, 2, 16, SideEffect.TRIGGER,
                    "extended TSEG MiB; 0xffff written reads back the size (0 when extended-tseg-mbytes=0)"),
            new Register("PCIEXBAR", PCIEXBAR, 8, PCIEXBAR_RESET, SideEffect.TRIGGER,
                    "maps/unmaps pcie-mmcfg-mmio at the programmed base and length"),
            new Register("PAM", PAM0, 7, 0, SideEffect.NONE,
                    "programmable attribute map (stored; the 0xc0000..0xfffff remapping is not modeled)"),
            new Register("F_SMBASE", F_SMBASE, 1, 0, SideEffect.TRIGGER,
                    "0xff negotiates SMRAM at SMBASE (answer 0x01), then bit 1 locks"),
            new Register("SMRAM", SMRAM, 1, SMRAM_RESET, SideEffect.TRIGGER,
                    "SMRAM control; D_LCK clears D_OPEN and locks SMRAM/ESMRAMC"),
            new Register("ESMRAMC", ESMRAMC, 1, ESMRAMC_RESET, SideEffect.NONE, "extended SMRAM control (TSEG)"));

    /** The power-on config image with the extended TSEG size {@code extTsegMbytes}. */
    static byte[] resetImage(int extTsegMbytes) {
        byte[] image = PciConfig.image(0x29c08086L, 0, 0x06000000L, 0, 0, 0, 0, 0, 0, 0, 0, 0x11001af4L);
        image[EXT_TSEG_MBYTES] = (byte) extTsegMbytes;
        image[EXT_TSEG_MBYTES + 1] = (byte) (extTsegMbytes >> 8);
        for (int k = 0; k < 8; k++) {
            image[PCIEXBAR + k] = (byte) (PCIEXBAR_RESET >>> (8 * k));
        }
        image[SMRAM] = SMRAM_RESET;
        image[ESMRAMC] = ESMRAMC_RESET;
        return image;
    }
}
