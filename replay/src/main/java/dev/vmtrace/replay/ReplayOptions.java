package dev.vmtrace.replay;

import dev.vmtrace.engine.machine.MachineConfig;
import java.util.Objects;

/**
 * How to replay a trace.
 *
 * @param config the engine to replay on
 * @param context events of context to keep before and after the first divergence
 * @param migrateAt trace sequence number at which to migrate, or -1
 * @param migrateTo the destination engine for {@code migrateAt}, or null
 * @param maxStored divergences kept in full (all are counted)
 * @param feedBack regions whose read values are taken from the trace (shapes still compared)
 */
public record ReplayOptions(MachineConfig config, int context, long migrateAt, MachineConfig migrateTo, int maxStored,
                            java.util.Set<String> feedBack) {
    /** Default number of divergences kept in full. */
    public static final int DEFAULT_MAX_STORED = 10_000;

    /** Validates. */
    public ReplayOptions {
        Objects.requireNonNull(config, "config");
        if (context < 0 || context > 10_000) {
            throw new IllegalArgumentException("context must be 0..10000: " + context);
        }
        if (migrateAt >= 0 && migrateTo == null) {
            throw new IllegalArgumentException("migrateAt needs a destination configuration");
        }
        if (maxStored < 1) {
            throw new IllegalArgumentException("maxStored must be positive");
        }
        feedBack = java.util.Set.copyOf(feedBack);
    }

    /** Replay on {@code config} with 5 events of context and no migration. */
    public static ReplayOptions of(MachineConfig config) {
        return new ReplayOptions(config, 5, -1, null, DEFAULT_MAX_STORED, java.util.Set.of());
    }

    /** The same options with {@code n} events of context. */
    public ReplayOptions withContext(int n) {
        return new ReplayOptions(config, n, migrateAt, migrateTo, maxStored, feedBack);
    }

    /** The same options with read values of {@code regions} fed back from the trace. */
    public ReplayOptions withFeedBack(java.util.Set<String> regions) {
        return new ReplayOptions(config, context, migrateAt, migrateTo, maxStored, regions);
    }

    /** The same options with a migration at {@code seq} to {@code to}. */
    public ReplayOptions withMigration(long seq, MachineConfig to) {
        return new ReplayOptions(config, context, seq, to, maxStored, feedBack);
    }
}
