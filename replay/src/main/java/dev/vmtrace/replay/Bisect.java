package dev.vmtrace.replay;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.MachineConfigException;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the first release whose replay of a trace diverges from release A's. A's behaviour is
 * re-recorded from the trace ({@link Rerecord}), then the releases after A up to B (from the
 * engine's known release list) are bisected against it, assuming that once a release diverges
 * the later ones do too.
 */
public final class Bisect {
    private Bisect() {
    }

    /** One release tried. */
    public record Step(String release, String verdict, long divergences, String first) {
    }

    /**
     * The answer.
     *
     * @param trace the trace
     * @param good release A (the reference)
     * @param firstBad the first divergent release, or null when none in the range diverges
     * @param firstDivergence that release's first divergence, or null
     * @param steps the releases tried, in order
     * @param candidates the releases after A up to B
     */
    public record Result(String trace, String good, String firstBad, String firstDivergence, List<Step> steps,
                         List<String> candidates) {
        public Result {
            steps = List.copyOf(steps);
            candidates = List.copyOf(candidates);
        }
    }

    /** The known releases in {@code (from, to]}. */
    public static List<Release> range(Release from, Release to) {
        List<Release> out = new ArrayList<>();
        for (Release r : Release.KNOWN) {
            if (r.compareTo(from) > 0 && r.compareTo(to) <= 0) {
                out.add(r);
            }
        }
        return out;
    }

    /** Bisects {@code (from, to]} for {@code trace} on {@code base} (machine, accel... as given). */
    public static Result run(Path trace, TraceTarget base, Release from, Release to, Path work)
            throws BadInputException, IOException {
        TraceHeader h;
        try (TraceReader r = TraceReader.open(trace)) {
            h = r.header();
        }
        MachineConfig ref = base.with("release", from.toString()).resolve(h);
        Path refTrace = Files.createTempFile(work, "bisect-ref-", ".vmtrace");
        try {
            // inside the try: a failed re-recording must not leave its file behind in work
            Rerecord.run(trace, ref, refTrace);
            List<Release> candidates = range(from, to);
            List<Step> steps = new ArrayList<>();
            int lo = 0;
            int hi = candidates.size();
            String firstDiv = null;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                Release rel = candidates.get(mid);
                ReplayResult res;
                try {
                    res = Replayer.replay(refTrace, ReplayOptions.of(base.with("release", rel.toString()).resolve(h)));
                } catch (MachineConfigException e) {
                    steps.add(new Step(rel.toString(), "n/a", 0, e.getMessage()));
                    candidates.remove(mid);
                    hi--;
                    continue;
                }
                String f = res.first() == null ? null : "#" + res.first().divergence().seq() + " ["
                        + res.first().divergence().kind().code() + "] " + res.first().divergence().message();
                steps.add(new Step(rel.toString(), res.verdict(), res.divergenceCount(), f));
                if (res.identical()) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                    firstDiv = f;
                }
            }
            String bad = lo < candidates.size() ? candidates.get(lo).toString() : null;
            if (bad != null && firstDiv == null) {
                bad = null;
            }
            List<String> names = new ArrayList<>();
            range(from, to).forEach(x -> names.add(x.toString()));
            return new Result(trace.getFileName().toString(), from.toString(), bad, bad == null ? null : firstDiv,
                    steps, names);
        } finally {
            Files.deleteIfExists(refTrace);
        }
    }
}
