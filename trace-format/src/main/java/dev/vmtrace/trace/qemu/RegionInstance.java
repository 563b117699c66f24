package dev.vmtrace.trace.qemu;

import dev.vmtrace.trace.Space;
import java.nio.charset.StandardCharsets;

/** One region instance of an imported log (a QEMU {@code mr} pointer and its name). */
final class RegionInstance {
    final int id;
    final byte[] name;
    final long mr;
    final RegionSpec spec;
    final Space space;
    /** Its rules let a guest access be wider than one piece. */
    final boolean splittable;

    RegionInstance(int id, String name, long mr, RegionSpec spec) {
        this.id = id;
        this.name = name.getBytes(StandardCharsets.UTF_8);
        this.mr = mr;
        this.spec = spec;
        this.space = spec.space();
        this.splittable = spec.rules() != null && maxWidth() > spec.rules().implMax();
    }

    boolean sameName(byte[] a, int s, int end) {
        if (end - s != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (a[s + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Widest guest access the region's rules allow: valid max, at most 4 for I/O and 8 for memory. */
    int maxWidth() {
        int cap = spec.space() == Space.IO ? 4 : 8;
        return spec.rules() == null || spec.rules().validMax() == 0 ? cap : Math.min(cap, spec.rules().validMax());
    }
}
