package dev.vmtrace.trace;

import java.nio.file.Path;
import java.util.Map;

/**
 * Child-process main for {@link CrashSafetyTest}: records an endless deterministic run into a
 * Chronicle trace and prints "ready" once some chunks are stored; the test kills it with SIGKILL.
 */
public final class KillableRecorder {
    private KillableRecorder() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        EndlessRun run = new EndlessRun(seed);
        TraceWriter w = TraceWriter.create(dir,
                TraceHeader.of("kill test", "pc-q35-7.2", "7.2.22", "tcg", 2, Map.of())).chunkBytes(2048);
        for (long i = 0; ; i++) {
            w.append(run.next());
            if (i == 50_000) {
                System.out.println("ready");
                System.out.flush();
            }
            if (i > 50_000 && i % 1000 == 0) {
                Thread.onSpinWait();
            }
        }
    }
}
