package dev.vmtrace.engine.devices.fwcfg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * qtest scripts for fw_cfg: the port protocol, the directory, every non-ACPI file's bytes read
 * by DMA into guest RAM, and the DMA error cases. Addresses are in low RAM, which QEMU paused
 * with {@code -S} and the engine both leave alone.
 */
final class FwCfgScripts {
    private FwCfgScripts() {
    }

    static final long DESC = 0x8000;
    static final long BUF = 0x10000;

    /** Files whose bytes are not compared: the ACPI blobs (vmtrace's own AML) and the host's option ROM. */
    static final Set<String> NOT_COMPARED = Set.of("etc/acpi/tables", "etc/table-loader", "etc/acpi/rsdp",
            "genroms/kvmvapic.bin");

    static List<String> ports() {
        List<String> c = new ArrayList<>();
        c.add("outw 0x510 0x0");
        reads(c, 0x511, 4);
        c.add("inb 0x510");
        c.add("inw 0x510");
        c.add("inl 0x510");
        c.add("inw 0x511");
        c.add("outb 0x511 0x55");
        c.add("outb 0x510 0x01");
        reads(c, 0x511, 2);
        for (int key : new int[] {0x1, 0x4000, 0x4001, 0x3fff, 0x40, 0x3f, 0x2, 0x3, 0x4, 0x5, 0xd, 0xe, 0xf, 0x8002,
            0x8004, 0x8003, 0xc002, 0xffff}) {
            c.add(String.format("outw 0x510 0x%x", key));
            reads(c, 0x511, key == 0x8004 ? 121 : key == 0xd ? 48 : 20);
        }
        c.add("outl 0x510 0x0");
        c.add("inb 0x511");
        for (int off = 0; off < 8; off++) {
            c.add(String.format("inb 0x%x", 0x514 + off));
        }
        c.add("inw 0x514");
        c.add("inw 0x516");
        c.add("inl 0x514");
        c.add("inl 0x518");
        return c;
    }

    static List<String> directory(int count) {
        List<String> c = new ArrayList<>();
        c.add("outw 0x510 0x19");
        reads(c, 0x511, 4 + 64 * count);
        return c;
    }

    /** Reads every file but {@link #NOT_COMPARED} by DMA and dumps the buffer and the control word. */
    static List<String> fileBytes(List<FwCfgItem> files) {
        List<String> c = new ArrayList<>();
        for (FwCfgItem f : files) {
            if (NOT_COMPARED.contains(f.name()) || f.size() == 0) {
                continue;
            }
            dma(c, ((long) f.key() << 16) | FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_READ, f.size() + 8, BUF);
            c.add(String.format("read 0x%x 0x%x", BUF, f.size() + 8));
        }
        return c;
    }

    /** DMA reads, skips and refused writes. */
    static List<String> dmaCases() {
        List<String> c = new ArrayList<>();
        c.add(String.format("write 0x%x 0x20 0x%s", BUF, "ab".repeat(32)));
        // select signature, read 16 (8 past the end are zeroed)
        dma(c, FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_READ, 16, BUF);
        c.add(String.format("read 0x%x 0x20", BUF));
        // skip 2 then read 4 of the current item
        dma(c, (1L << 16) | FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_SKIP, 2, BUF);
        dma(c, FwCfgKeys.DMA_READ, 4, BUF + 0x40);
        c.add(String.format("read 0x%x 0x8", BUF + 0x40));
        // write to a read-only item, to no item, and a descriptor with no operation
        dma(c, FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_WRITE, 2, BUF);
        dma(c, (0x3fffL << 16) | FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_WRITE, 2, BUF);
        dma(c, (0x3fffL << 16) | FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_READ, 4, BUF + 0x80);
        c.add(String.format("read 0x%x 0x8", BUF + 0x80));
        dma(c, 0, 4, BUF);
        // only the high half written: no transfer starts, the descriptor stays as written
        c.add(String.format("write 0x%x 0x10 0x%08x%08x%016x", DESC, FwCfgKeys.DMA_SELECT | FwCfgKeys.DMA_READ, 4, BUF + 0xc0));
        c.add("outl 0x514 0x0");
        c.add(String.format("read 0x%x 0x10", DESC));
        c.add("outw 0x514 0x0");
        c.add("outb 0x518 0x0");
        return c;
    }

    private static void dma(List<String> c, long control, long length, long address) {
        c.add(String.format("write 0x%x 0x10 0x%08x%08x%016x", DESC, control & 0xffffffffL, length, address));
        c.add("outl 0x514 0x0");
        c.add(String.format("outl 0x518 0x%x", Integer.reverseBytes((int) DESC) & 0xffffffffL));
        c.add(String.format("read 0x%x 0x4", DESC));
    }

    private static void reads(List<String> c, int port, int n) {
        for (int i = 0; i < n; i++) {
            c.add(String.format("inb 0x%x", port));
        }
    }
}
