package dev.vmtrace.replay;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.memory.Space;
import dev.vmtrace.trace.HostEventKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * Runs a qtest-script workload on a {@link Recorder}: {@code outb|outw|outl PORT VALUE},
 * {@code inb|inw|inl PORT}, {@code writeb..writeq ADDR VALUE}, {@code readb..readq ADDR},
 * {@code clock_step [NS]}, {@code clock_set NS}, {@code write ADDR LEN 0xHEX}, {@code read ADDR LEN}
 * (split into memory accesses of up to 8 bytes); {@code endianness} and IRQ interception are
 * accepted and ignored. Host events are comment directives (docs/replay.md):
 * <pre>
 * # vmtrace: reset
 * # vmtrace: snapshot LABEL
 * # vmtrace: migration-point [N]
 * # vmtrace: cpu N                  (the vCPU making the following accesses; -1 = none, as qtest)
 * # vmtrace: device_add cpu id=N    (CPU hot-add; needs the engine's CPU hotplug model)
 * # vmtrace: device_del cpu id=N
 * # vmtrace: device_add pci slot=N  (bus-0 PCI hot-add through the ACPI PCI-hotplug controller)
 * # vmtrace: device_del pci slot=N
 * # vmtrace: fw_cfg-select NAME     (outw 0x510 with the key this machine gives fw_cfg file NAME)
 * # vmtrace: dma-write-descriptor NAME AT LEN ADDR   (a fw_cfg DMA write descriptor for file NAME)
 * </pre>
 * Other comments are ignored. Anything else is bad input with its line number.
 */
public final class Workload {
    /** Longest line accepted. */
    public static final int MAX_LINE = 4096;
    /** Longest {@code read}/{@code write} length accepted. */
    public static final int MAX_BULK = 1024;

    private final Recorder rec;
    private final String source;
    private long line;
    private int vcpu = -1;
    private long accesses;

    /** A runner feeding {@code rec}; {@code source} names the script in errors. */
    public Workload(Recorder rec, String source) {
        this.rec = rec;
        this.source = source;
    }

    /** Runs every line of {@code in}; returns the number of guest accesses made. */
    public long run(Reader in) throws IOException, BadInputException {
        BufferedReader r = new BufferedReader(in);
        String l;
        while ((l = r.readLine()) != null) {
            line++;
            if (l.length() > MAX_LINE) {
                throw BadInputException.atLine(source, line, "line longer than " + MAX_LINE + " characters");
            }
            step(l.strip());
        }
        return accesses;
    }

    private void step(String l) throws IOException, BadInputException {
        if (l.isEmpty()) {
            return;
        }
        if (l.startsWith("#")) {
            String body = l.substring(1).strip();
            if (body.startsWith("vmtrace:")) {
                directive(body.substring("vmtrace:".length()).strip());
            }
            return;
        }
        String[] t = l.split("\\s+");
        String cmd = t[0];
        switch (cmd) {
            case "outb": case "outw": case "outl":
                args(t, 2);
                access(Space.IO, true, t[1], size(cmd.charAt(3)), t[2]);
                return;
            case "inb": case "inw": case "inl":
                args(t, 1);
                access(Space.IO, false, t[1], size(cmd.charAt(2)), null);
                return;
            case "writeb": case "writew": case "writel": case "writeq":
                args(t, 2);
                access(Space.MEMORY, true, t[1], size(cmd.charAt(5)), t[2]);
                return;
            case "readb": case "readw": case "readl": case "readq":
                args(t, 1);
                access(Space.MEMORY, false, t[1], size(cmd.charAt(4)), null);
                return;
            case "clock_step":
                if (t.length > 2) {
                    throw bad("clock_step takes at most one argument");
                }
                long ns = t.length == 2 ? num(t[1]) : Math.max(0, rec.run().machine().time().nextDeadlineDelta());
                rec.host(HostEventKind.CLOCK_STEP, ns);
                return;
            case "clock_set":
                args(t, 1);
                rec.host(HostEventKind.CLOCK_SET, num(t[1]));
                return;
            case "write":
                args(t, 3);
                bulk(true, num(t[1]), num(t[2]), t[3]);
                return;
            case "read":
                args(t, 2);
                bulk(false, num(t[1]), num(t[2]), null);
                return;
            case "endianness": case "irq_intercept_in": case "irq_intercept_out":
                return;
            default:
                throw bad("'" + cmd + "' is not supported in record workloads (see docs/replay.md)");
        }
    }

    private void directive(String d) throws IOException, BadInputException {
        String[] t = d.split("\\s+");
        switch (t[0].toLowerCase(Locale.ROOT)) {
            case "reset":
                rec.host(HostEventKind.RESET, 0);
                return;
            case "snapshot":
                rec.snapshot(t.length > 1 ? "marker:" + t[1] : "marker");
                return;
            case "migration-point":
                rec.host(HostEventKind.MIGRATION_POINT, t.length > 1 ? num(t[1]) : 0);
                return;
            case "cpu":
                args(t, 1);
                long c = t[1].equals("-1") ? -1 : num(t[1]);
                if (c < -1 || c >= rec.run().machine().config().maxCpus()) {
                    throw bad("cpu " + t[1] + " is outside -1.." + (rec.run().machine().config().maxCpus() - 1));
                }
                vcpu = (int) c;
                return;
            case "device_add":
            case "device_del":
                hotplug(t);
                return;
            case "fw_cfg-select":
                args(t, 1);
                rec.access(Space.IO, true, 0x510, 2, fwCfgKey(t[1]), vcpu);
                accesses++;
                return;
            case "dma-write-descriptor":
                args(t, 4);
                dmaWriteDescriptor(fwCfgKey(t[1]), num(t[2]), num(t[3]), num(t[4]));
                return;
            default:
                throw bad("unknown vmtrace directive '" + t[0] + "'");
        }
    }

    private void hotplug(String[] t) throws IOException, BadInputException {
        if (t.length == 3 && t[1].equals("pci") && t[2].startsWith("slot=")) {
            long slot = num(t[2].substring(5));
            if (slot < 0 || slot > 31) {
                throw bad("PCI slot " + slot + " is outside 0..31");
            }
            HostEventKind k = t[0].equals("device_add") ? HostEventKind.PCI_HOT_ADD : HostEventKind.PCI_HOT_REMOVE;
            if (!rec.host(k, slot << 3)) {
                throw bad(t[0] + " pci slot=" + slot + ": refused (no PCI hotplug controller, slot occupied or "
                        + "empty, or not hot-pluggable)");
            }
            return;
        }
        if (t.length != 3 || !t[1].equals("cpu") || !t[2].startsWith("id=")) {
            throw bad("expected '" + t[0] + " cpu id=N' or '" + t[0] + " pci slot=N'");
        }
        long id = num(t[2].substring(3));
        HostEventKind k = t[0].equals("device_add") ? HostEventKind.CPU_HOT_ADD : HostEventKind.CPU_HOT_REMOVE;
        if (!rec.host(k, id)) {
            throw bad(t[0] + " cpu id=" + id + ": refused (no CPU hotplug controller on this machine, CPU already "
                    + "present or absent, boot CPU, or legacy mode for device_del)");
        }
    }

    /**
     * {@code write ADDR LEN 0xHEX} / {@code read ADDR LEN}: memory accesses of the largest power
     * of two up to 8 bytes that fits, little-endian values (qtest's byte order in memory).
     */
    private void bulk(boolean write, long addr, long len, String hex) throws IOException, BadInputException {
        if (len < 1 || len > MAX_BULK) {
            throw bad("length " + len + " is outside 1.." + MAX_BULK);
        }
        if (hex != null && (!hex.startsWith("0x") || hex.length() != 2 + 2 * len)) {
            throw bad("write data must be 0x and " + (2 * len) + " hex digits");
        }
        long off = 0;
        while (off < len) {
            int n = Integer.highestOneBit((int) Math.min(8, len - off));
            long v = 0;
            for (int i = 0; hex != null && i < n; i++) {
                int at = 2 + 2 * (int) (off + i);
                int hi = Character.digit(hex.charAt(at), 16);
                int lo = Character.digit(hex.charAt(at + 1), 16);
                if (hi < 0 || lo < 0) {
                    throw bad("bad hex digit in write data");
                }
                v |= (long) (hi << 4 | lo) << (8 * i);
            }
            rec.access(Space.MEMORY, write, addr + off, n, v, vcpu);
            accesses++;
            off += n;
        }
    }

    /** The key this machine gives fw_cfg file {@code name} (as firmware finds it in the directory). */
    private int fwCfgKey(String name) throws BadInputException {
        dev.vmtrace.engine.devices.fwcfg.FwCfgDevice fw =
                rec.run().machine().device(dev.vmtrace.engine.devices.fwcfg.FwCfgDevice.class);
        dev.vmtrace.engine.devices.fwcfg.FwCfgItem item = fw == null ? null : fw.file(name);
        if (item == null) {
            throw bad("this machine has no fw_cfg file '" + name + "'");
        }
        return item.key();
    }

    /**
     * A fw_cfg DMA descriptor at {@code at} (big-endian: control = key &lt;&lt; 16 | select | write,
     * length, address), written as two 8-byte memory accesses.
     */
    private void dmaWriteDescriptor(int key, long at, long length, long address) throws IOException, BadInputException {
        if (length < 0 || length > 0xffffffffL) {
            throw bad("DMA length " + length + " is outside 0..0xffffffff");
        }
        long control = ((long) key << 16) | 0x08 | 0x10;
        long first = Long.reverseBytes(control << 32 | length);
        rec.access(Space.MEMORY, true, at, 8, first, vcpu);
        rec.access(Space.MEMORY, true, at + 8, 8, Long.reverseBytes(address), vcpu);
        accesses += 2;
    }

    private void access(Space space, boolean write, String addr, int size, String value)
            throws IOException, BadInputException {
        long a = num(addr);
        if (space == Space.IO && Long.compareUnsigned(a, 0xffff) > 0) {
            throw bad("port 0x" + Long.toHexString(a) + " is above 0xffff");
        }
        rec.access(space, write, a, size, value == null ? 0 : num(value), vcpu);
        accesses++;
    }

    private static int size(char c) {
        switch (c) {
            case 'b': return 1;
            case 'w': return 2;
            case 'l': return 4;
            default: return 8;
        }
    }

    private void args(String[] t, int n) throws BadInputException {
        if (t.length != n + 1) {
            throw bad("'" + t[0] + "' takes " + n + " argument" + (n == 1 ? "" : "s"));
        }
    }

    private long num(String s) throws BadInputException {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw BadInputException.atLine(source, line, "expected a number, found '" + s + "'", e);
        }
    }

    private BadInputException bad(String problem) {
        return BadInputException.atLine(source, line, problem);
    }
}
