package dev.vmtrace.engine.machine;

import dev.vmtrace.engine.memory.DispatchPath;

/** The accelerator, which decides how guest port I/O reaches regions (devices.md section 0). */
public enum Accel {
    /** TCG: {@code in}/{@code out} take the direct path. */
    TCG(DispatchPath.DIRECT, false),
    /** KVM: port-I/O exits take the buffer path. */
    KVM(DispatchPath.BUFFER, false),
    /** The qtest accelerator: buffer path, and the qtest clock commands are available. */
    QTEST(DispatchPath.BUFFER, true);

    private final DispatchPath path;
    private final boolean qtestClock;

    Accel(DispatchPath path, boolean qtestClock) {
        this.path = path;
        this.qtestClock = qtestClock;
    }

    /** The dispatch path guest port I/O takes under this accelerator. */
    public DispatchPath path() {
        return path;
    }

    /**
     * Whether qtest's {@code clock_step}/{@code clock_set} exist: QEMU answers them only when the
     * qtest accelerator runs ({@code qtest_enabled()}); otherwise they are unknown commands.
     */
    public boolean qtestClock() {
        return qtestClock;
    }

    /** Parses {@code tcg}, {@code kvm} or {@code qtest} (case-insensitive); null when unknown. */
    public static Accel parse(String s) {
        for (Accel a : values()) {
            if (a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        return null;
    }
}
