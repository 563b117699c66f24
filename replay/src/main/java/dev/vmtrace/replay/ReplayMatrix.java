package dev.vmtrace.replay;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.input.Futures;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays one trace on every combination of settings ({@code release=5.0,5.1 accel=tcg,kvm}) in
 * parallel on a bounded thread pool; each cell opens its own reader and engine, so cells share
 * nothing but the immutable trace.
 */
public final class ReplayMatrix {
    private ReplayMatrix() {
    }

    /** One axis: a setting and its values. */
    public record Axis(String key, List<String> values) {
        public Axis {
            Objects.requireNonNull(key, "key");
            values = List.copyOf(values);
        }
    }

    /**
     * One combination.
     *
     * @param settings axis key to value
     * @param result the replay result, or null when the combination cannot be built
     * @param error why it cannot be built (a release without that machine type), or null
     */
    public record Cell(Map<String, String> settings, ReplayResult result, String error) {
        public Cell {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** {@code identical}, {@code divergent} or {@code n/a}. */
        public String verdict() {
            return result == null ? "n/a" : result.verdict();
        }
    }

    /** The whole matrix. */
    public record Result(String trace, List<Axis> axes, List<Cell> cells) {
        public Result {
            axes = List.copyOf(axes);
            cells = List.copyOf(cells);
        }

        /** Identical when every buildable cell is. */
        public boolean identical() {
            return cells.stream().allMatch(c -> c.result() == null || c.result().identical());
        }

        /** {@code identical} or {@code divergent}. */
        public String verdict() {
            return identical() ? "identical" : "divergent";
        }
    }

    /**
     * Parses {@code KEY=V1,V2,...} specs (keys: release, accel, machine, policy, smp).
     *
     * @throws MachineConfigException when a spec is malformed
     */
    public static List<Axis> parse(List<String> specs) {
        List<Axis> out = new ArrayList<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new MachineConfigException("--matrix: expected KEY=V1,V2,..., got '" + s + "'");
            }
            String key = s.substring(0, eq);
            TraceTarget.HEADER.with(key, "x");
            List<String> values = new ArrayList<>();
            // A machine spelling has commas of its own (pc-q35-7.2,smm=on,pc-q35-5.1): a part with
            // '=' is an option of the machine before it.
            for (String v : s.substring(eq + 1).split(",")) {
                if (v.isEmpty()) {
                    continue;
                }
                if (key.equals("machine") && v.contains("=") && !values.isEmpty()) {
                    values.set(values.size() - 1, values.get(values.size() - 1) + "," + v);
                } else {
                    values.add(v);
                }
            }
            out.add(new Axis(key, values));
        }
        return out;
    }

    /** Runs every combination of {@code axes} over {@code base} on up to {@code threads} threads. */
    public static Result run(Path trace, TraceTarget base, List<Axis> axes, int context, int threads)
            throws BadInputException, InterruptedException {
        return run(trace, base, axes, context, java.util.Set.of(), threads);
    }

    /**
     * Same, with the regions whose read values every cell takes from the trace
     * ({@code --feed-back}).
     */
    public static Result run(Path trace, TraceTarget base, List<Axis> axes, int context, java.util.Set<String> feedBack,
            int threads) throws BadInputException, InterruptedException {
        TraceHeader h;
        try (TraceReader r = TraceReader.open(trace)) {
            h = r.header();
        }
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : a.values()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(a.key(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        int n = Math.max(1, Math.min(threads, combos.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, task -> {
            Thread t = new Thread(task, "vmtrace-matrix");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Cell>> futures = new ArrayList<>();
            for (Map<String, String> combo : combos) {
                futures.add(pool.submit(() -> cell(trace, base, h, combo, context, feedBack)));
            }
            List<Cell> cells = new ArrayList<>();
            for (Future<Cell> f : futures) {
                cells.add(Futures.await(f));
            }
            return new Result(trace.getFileName().toString(), axes, cells);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Cell cell(Path trace, TraceTarget base, TraceHeader h, Map<String, String> combo, int context,
            java.util.Set<String> feedBack) throws BadInputException {
        TraceTarget t = base;
        for (Map.Entry<String, String> e : combo.entrySet()) {
            t = t.with(e.getKey(), e.getValue());
        }
        MachineConfig c;
        try {
            c = t.resolve(h);
            new EngineRun(c);
        } catch (MachineConfigException e) {
            return new Cell(combo, null, e.getMessage());
        }
        return new Cell(combo, Replayer.replay(trace, ReplayOptions.of(c).withContext(context).withFeedBack(feedBack)), null);
    }
}
