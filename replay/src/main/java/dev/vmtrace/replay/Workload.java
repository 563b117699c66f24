package dev.vmtrace.replay;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.memory.Space;
import dev.vmtrace.engine.qtest.QtestRequest;
import dev.vmtrace.engine.qtest.QtestCommandParser;
import dev.vmtrace.engine.qtest.QtestSyntaxException;
import dev.vmtrace.engine.qtest.QtestVerb;
import dev.vmtrace.engine.state.Bytes;
import dev.vmtrace.trace.HostEventKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Runs a qtest-script workload on a {@link Recorder}: {@code outb|outw|outl PORT VALUE},
 * {@code inb|inw|inl PORT}, {@code writeb..writeq ADDR VALUE}, {@code readb..readq ADDR},
 * {@code clock_step [NS]}, {@code clock_set NS}, {@code write ADDR LEN 0xHEX}, {@code read ADDR LEN}
 * (split into memory accesses of up to 8 bytes); {@code endianness} and IRQ interception are
 * accepted and ignored. Commands are read by {@link QtestCommandParser#script} (numbers as QEMU
 * reads them, exact argument counts). Host events are comment directives (docs/replay.md):
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
    private static final QtestCommandParser PARSER = QtestCommandParser.script(MAX_BULK);
    /** The qtest verbs a workload runs (or, for endianness and IRQ interception, accepts and ignores). */
    private static final Set<QtestVerb> RUNS = EnumSet.of(QtestVerb.OUT, QtestVerb.IN, QtestVerb.WRITE, QtestVerb.READ,
            QtestVerb.BULK_WRITE, QtestVerb.BULK_READ, QtestVerb.CLOCK_STEP, QtestVerb.CLOCK_SET, QtestVerb.ENDIANNESS,
            QtestVerb.IRQ_INTERCEPT_IN, QtestVerb.IRQ_INTERCEPT_OUT);

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
        QtestRequest c;
        try {
            c = PARSER.parse(l);
        } catch (QtestSyntaxException e) {
            throw e.verb() == null || !RUNS.contains(e.verb()) ? notSupported(e.commandWord()) : e.toBadInput(source, line);
        }
        if (!RUNS.contains(c.verb())) {
            throw notSupported(c.word());
        }
        switch (c.verb()) {
            case OUT:
            case WRITE:
                access(c.verb() == QtestVerb.OUT ? Space.IO : Space.MEMORY, true, c.address(), c.size(), c.value());
                return;
            case IN:
            case READ:
                access(c.verb() == QtestVerb.IN ? Space.IO : Space.MEMORY, false, c.address(), c.size(), 0);
                return;
            case CLOCK_STEP: {
                long ns = c.arguments().isEmpty() ? Math.max(0, rec.run().machine().time().nextDeadlineDelta())
                        : c.value();
                rec.host(HostEventKind.CLOCK_STEP, ns);
                return;
            }
            case CLOCK_SET:
                rec.host(HostEventKind.CLOCK_SET, c.value());
                return;
            case BULK_WRITE:
                bulk(true, c.address(), c.length(), c.data());
                return;
            case BULK_READ:
                bulk(false, c.address(), c.length(), null);
                return;
            default:
                // endianness, IRQ interception: nothing to record
        }
    }

    private BadInputException notSupported(String word) {
        return bad("'" + word + "' is not supported in record workloads (see docs/replay.md)");
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
                long c = num(t[1]);
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
    private void bulk(boolean write, long addr, long len, Bytes data) throws IOException {
        long off = 0;
        while (off < len) {
            int n = Integer.highestOneBit((int) Math.min(8, len - off));
            long v = 0;
            for (int i = 0; data != null && i < n; i++) {
                v |= (long) data.getU8((int) (off + i)) << (8 * i);
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

    private void access(Space space, boolean write, long addr, int size, long value) throws IOException {
        rec.access(space, write, addr, size, value, vcpu);
        accesses++;
    }

    private void args(String[] t, int n) throws BadInputException {
        if (t.length != n + 1) {
            throw bad("'" + t[0] + "' takes " + n + " argument" + (n == 1 ? "" : "s"));
        }
    }

    private long num(String s) throws BadInputException {
        try {
            return QtestCommandParser.parseNumber(s);
        } catch (QtestSyntaxException e) {
            throw e.toBadInput(source, line);
        }
    }

    private BadInputException bad(String problem) {
        return BadInputException.atLine(source, line, problem);
    }
}
