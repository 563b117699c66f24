package dev.vmtrace.engine.devices.fwcfg;

/** The fw_cfg selector keys and bits (docs/specs/fw_cfg.rst, include/standard-headers/linux/qemu_fw_cfg.h). */
public final class FwCfgKeys {
    private FwCfgKeys() {
    }

    /** "QEMU". */
    public static final int SIGNATURE = 0x00;
    /** Feature bitmap: bit 0 traditional interface, bit 1 DMA. */
    public static final int ID = 0x01;
    /** VM UUID, 16 bytes. */
    public static final int UUID = 0x02;
    /** RAM size, u64 LE. */
    public static final int RAM_SIZE = 0x03;
    /** -nographic, u16. */
    public static final int NOGRAPHIC = 0x04;
    /** CPUs present at start, u16. */
    public static final int NB_CPUS = 0x05;
    /** NUMA table: u64 node count, then per-CPU node and per-node memory. */
    public static final int NUMA = 0x0d;
    /** Boot menu, u16. */
    public static final int BOOT_MENU = 0x0e;
    /** APIC ID limit (possible CPUs), u16. */
    public static final int MAX_CPUS = 0x0f;
    /** The file directory. */
    public static final int FILE_DIR = 0x19;
    /** The first file key. */
    public static final int FILE_FIRST = 0x20;
    /** Write channel bit (ignored since 2.4). */
    public static final int WRITE_CHANNEL = 0x4000;
    /** Arch-local bit. */
    public static final int ARCH_LOCAL = 0x8000;
    /** Mask of the index part of a key. */
    public static final int ENTRY_MASK = 0x3fff;
    /** The "no item selected" value of the current entry. */
    public static final int INVALID = 0xffff;
    /** x86 arch-local: ACPI tables from -acpitable (u16 count...). */
    public static final int X86_ACPI_TABLES = ARCH_LOCAL;
    /** x86 arch-local: legacy SMBIOS entries (machine types with legacy SMBIOS). */
    public static final int X86_SMBIOS = ARCH_LOCAL + 1;
    /** x86 arch-local: IRQ0 override, u32. */
    public static final int X86_IRQ0_OVERRIDE = ARCH_LOCAL + 2;
    /** x86 arch-local: legacy e820 reservation table. */
    public static final int X86_E820_TABLE = ARCH_LOCAL + 3;
    /** x86 arch-local: HPET description. */
    public static final int X86_HPET = ARCH_LOCAL + 4;

    /** Bytes of one directory entry. */
    public static final int DIR_ENTRY_SIZE = 64;
    /** Bytes of a file name in a directory entry (55 characters + NUL). */
    public static final int NAME_SIZE = 56;

    /** DMA control: error. */
    public static final int DMA_ERROR = 0x01;
    /** DMA control: read. */
    public static final int DMA_READ = 0x02;
    /** DMA control: skip. */
    public static final int DMA_SKIP = 0x04;
    /** DMA control: select (key in the upper 16 bits). */
    public static final int DMA_SELECT = 0x08;
    /** DMA control: write. */
    public static final int DMA_WRITE = 0x10;
    /** The DMA register's read value, "QEMU CFG". */
    public static final long DMA_SIGNATURE = 0x51454d5520434647L;
}
