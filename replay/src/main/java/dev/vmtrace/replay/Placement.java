package dev.vmtrace.replay;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.memory.FlatRange;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.trace.RegionDefined;
import dev.vmtrace.trace.Space;

/**
 * Firmware-programmed placement for imported traces. A QEMU log filtered to a few devices lacks
 * the PCI configuration writes by which firmware placed blocks such as the PM registers (ICH9
 * PMBASE); the trace's region table still says where they were. When an imported trace defines a
 * region at a base where the engine has a different region, and the engine has a container
 * holding a region of that name (mapped elsewhere or disabled), the container is enabled and
 * moved so the region lands where the trace shows it, as the firmware's writes would have done.
 */
final class Placement {
    private Placement() {
    }

    /** Places {@code r} on {@code m} if needed; returns a note saying what moved, or null. */
    static String place(Machine m, RegionDefined r) {
        if (r.space() != Space.IO || r.base() == 0 || r.size() == 0) {
            return null;
        }
        FlatRange here = m.io().flatView().lookup(r.base());
        if (here != null && here.region().name().equals(r.name())) {
            return null;
        }
        Region root = m.io().root();
        for (Region.Subregion s : root.subregions()) {
            Region c = s.region();
            if (c.kind() != dev.vmtrace.engine.memory.RegionKind.CONTAINER) {
                continue;
            }
            for (Region.Subregion child : c.subregions()) {
                if (!child.region().name().equals(r.name()) || child.offset() > r.base()) {
                    continue;
                }
                long base = r.base() - child.offset();
                root.remove(c);
                root.add(base, c, s.priority());
                c.setEnabled(true);
                return String.format("placement inferred from the trace: %s at 0x%x (container %s moved to 0x%x and "
                        + "enabled, as firmware would have programmed it)", r.name(), r.base(), c.name(), base);
            }
        }
        return null;
    }
}
