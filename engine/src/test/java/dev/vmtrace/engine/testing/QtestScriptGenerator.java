package dev.vmtrace.engine.testing;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.DispatchKind;
import dev.vmtrace.engine.memory.GuestAccess;
import dev.vmtrace.engine.memory.AccessOutcome;
import dev.vmtrace.engine.memory.Dispatch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random qtest script over the ports whose behaviour the engine models (every I/O range
 * of the shadow machine answered by a modeled device region, found automatically, so a new device
 * package is covered as soon as it replaces its placeholder) plus unassigned ports, and low RAM. Each candidate access is first run on a shadow engine machine; it is kept
 * only if none of its pieces reaches an unmodeled region (whose values cannot be matched), so
 * wide accesses that run from a modeled port into a neighbour are generated only when the
 * neighbour is modeled or unassigned.
 *
 * <p>Device helpers add their ports with {@link #addPorts}.
 */
public final class QtestScriptGenerator {
    private final SplittableRandom random;
    private final Machine shadow;
    private final List<long[]> portRanges = new ArrayList<>();

    /** A generator over {@code shadow}'s map (a fresh engine machine of the compared type). */
    public QtestScriptGenerator(long seed, Machine shadow) {
        this.random = new SplittableRandom(seed);
        this.shadow = shadow;
        // Every modeled device range, with 3 ports of slack before it (wide accesses running in).
        for (dev.vmtrace.engine.memory.FlatRange r : shadow.io().flatView().ranges()) {
            if (r.region().kind() == dev.vmtrace.engine.memory.RegionKind.DEVICE) {
                addPorts(Math.max(0, r.start() - 3), r.end() - 1);
            }
        }
        // Ranges of unassigned ports on both PC families (and the end of the I/O space).
        addPorts(0x200, 0x20f);
        addPorts(0x3f8, 0x400);
        addPorts(0xf00, 0xf10);
        addPorts(0xfff8, 0xffff);
    }

    /** Adds ports {@code first..last} (inclusive) as candidates. */
    public QtestScriptGenerator addPorts(long first, long last) {
        portRanges.add(new long[] {first, last});
        return this;
    }

    /** {@code count} commands. */
    public List<String> generate(int count) {
        List<String> out = new ArrayList<>();
        int guard = 0;
        while (out.size() < count && guard++ < count * 50) {
            String cmd = random.nextInt(8) == 0 ? memoryCommand() : portCommand();
            if (cmd != null) {
                out.add(cmd);
            }
        }
        return out;
    }

    private String portCommand() {
        long[] r = portRanges.get(random.nextInt(portRanges.size()));
        long port = r[0] + random.nextLong(r[1] - r[0] + 1);
        int size = new int[] {1, 2, 4}[random.nextInt(3)];
        boolean write = random.nextBoolean();
        long value = random.nextLong() & (size == 4 ? 0xffffffffL : size == 2 ? 0xffff : 0xff);
        GuestAccess a = write ? GuestAccess.out(port, size, value, -1) : GuestAccess.in(port, size, -1);
        AccessOutcome o = shadow.access(a);
        for (Dispatch d : o.dispatches()) {
            if (d.kind() == DispatchKind.UNMODELED) {
                return null;
            }
        }
        char w = size == 1 ? 'b' : size == 2 ? 'w' : 'l';
        return write ? String.format("out%c 0x%x 0x%x", w, port, value) : String.format("in%c 0x%x", w, port);
    }

    private String memoryCommand() {
        long addr = 0x1000 + random.nextLong(0x100);
        int kind = random.nextInt(4);
        char w = "bwlq".charAt(kind);
        int size = 1 << kind;
        if (random.nextBoolean()) {
            long value = random.nextLong() & (size == 8 ? -1L : (1L << (8 * size)) - 1);
            shadow.access(new GuestAccess(dev.vmtrace.engine.memory.Space.MEMORY, addr, size,
                    dev.vmtrace.engine.memory.Direction.WRITE, value, -1));
            return String.format("write%c 0x%x 0x%x", w, addr, value);
        }
        return String.format("read%c 0x%x", w, addr);
    }
}
