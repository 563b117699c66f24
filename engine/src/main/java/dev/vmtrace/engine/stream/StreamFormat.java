package dev.vmtrace.engine.stream;

/** Constants of QEMU's migration stream (QEMU_VM_FILE_VERSION 3); byte tables in docs/stream-format.md. */
public final class StreamFormat {
    private StreamFormat() {
    }

    /** "QEVM". */
    public static final long MAGIC = 0x5145564dL;
    /** The only file version QEMU writes since 2009. */
    public static final long FILE_VERSION = 3;

    public static final int EOF = 0x00;
    public static final int SECTION_START = 0x01;
    public static final int SECTION_PART = 0x02;
    public static final int SECTION_END = 0x03;
    public static final int SECTION_FULL = 0x04;
    public static final int SUBSECTION = 0x05;
    public static final int VMDESCRIPTION = 0x06;
    public static final int CONFIGURATION = 0x07;
    public static final int COMMAND = 0x08;
    public static final int SECTION_FOOTER = 0x7e;
    /** The only COMMAND a precopy file stream may carry (newer QEMUs): {@code be16 0x0b, be16 0}. */
    public static final int CMD_SWITCHOVER_START = 0x0b;

    /** RAM record flags, in the low bits of the be64 address word. */
    public static final int RAM_ZERO = 0x02;
    public static final int RAM_MEM_SIZE = 0x04;
    public static final int RAM_PAGE = 0x08;
    public static final int RAM_EOS = 0x10;
    public static final int RAM_CONTINUE = 0x20;
    public static final int RAM_XBZRLE = 0x40;
    public static final int RAM_HOOK = 0x80;
    public static final int RAM_COMPRESS = 0x100;
    public static final int RAM_MULTIFD_FLUSH = 0x200;

    /** The RAM section's id string and the version QEMU 7.2 sends. */
    public static final String RAM_SECTION = "ram";
    public static final int RAM_VERSION = 4;

    /** x86 target page size; used when a stream has no vmdesc to say otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 4096;

    /** Caps on untrusted stream input. */
    public static final int MAX_STREAM_BYTES = Integer.MAX_VALUE - 16;
    public static final int MAX_CONFIG_NAME = 1024;
    public static final int MAX_RAM_BLOCKS = 4096;
    public static final int MAX_SECTIONS = 100_000;
    public static final int MAX_VMDESC_BYTES = 64 << 20;

    /** A readable name for a section type byte. */
    public static String typeName(int type) {
        switch (type) {
            case EOF: return "EOF";
            case SECTION_START: return "START";
            case SECTION_PART: return "PART";
            case SECTION_END: return "END";
            case SECTION_FULL: return "FULL";
            case SUBSECTION: return "SUBSECTION";
            case VMDESCRIPTION: return "VMDESCRIPTION";
            case CONFIGURATION: return "CONFIGURATION";
            case COMMAND: return "COMMAND";
            case SECTION_FOOTER: return "FOOTER";
            default: return String.format("0x%02x", type);
        }
    }
}
