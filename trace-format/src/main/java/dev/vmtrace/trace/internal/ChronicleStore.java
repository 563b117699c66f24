package dev.vmtrace.trace.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.posix.PosixAPI;

/** How vmtrace lays out its Chronicle Queue directories. */
public final class ChronicleStore {
    static {
        // vmtrace uses none of Chronicle's native extras (msync under a SyncMode, queue file
        // pre-touching, thread pinning). With the posix layer left to its default, the first
        // queue makes JNR generate native call stubs at run time: about 50 ms of every short
        // command. The no-op layer must be chosen before Chronicle's Jvm class initialises,
        // hence here, in the one place every queue is built from.
        PosixAPI.useNoOpPosixApi();
    }

    private ChronicleStore() {
    }

    /**
     * A builder for the trace queue at {@code dir}. One roll cycle file per day (Chronicle's
     * large daily cycle: more excerpts per file than the default); a trace that crosses midnight
     * simply spans two files (the tailer reads across). 64 MiB blocks hold the largest frame
     * (16 MiB) with room to spare; files are sparse on Linux, so a small trace costs only what it
     * writes.
     */
    public static SingleChronicleQueueBuilder builder(Path dir, boolean readOnly) {
        return SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(LargeRollCycles.LARGE_DAILY)
                .blockSize(64L << 20)
                .readOnly(readOnly);
    }

    /**
     * Runs Chronicle's one-time static initialisation (its Jvm class probes the platform and loads
     * native support: tens of milliseconds) so that a caller can do it on a spare core while it
     * is busy with something else. Harmless to call more than once or not at all.
     */
    public static void warmUp() {
        Jvm.init();
    }

    /** True when {@code dir} looks like a Chronicle queue directory. */
    public static boolean isQueueDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".cq4") || n.endsWith(".cq4t");
            });
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
