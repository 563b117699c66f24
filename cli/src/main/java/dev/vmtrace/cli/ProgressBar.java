package dev.vmtrace.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr for long operations, drawn only when stderr is a terminal (a
 * {@link System#console()} exists), so logs and tests never see it. Each frame redraws one line:
 * {@code import [#####     ]  42%  176.3 MiB / 417.0 MiB  85.2 MiB/s}; with an unknown total
 * (a pipe) only the bytes and the rate. {@link #close()} clears the line for the summary that
 * follows.
 *
 * <p>The terminal decision and the clock are injected; drawing is {@link #tick()}, which a daemon
 * thread calls every {@link #PERIOD_MILLIS} ms in real use and tests call directly.
 */
final class ProgressBar implements AutoCloseable {
    /** Redraw period of the real bar. */
    static final long PERIOD_MILLIS = 200;
    private static final int WIDTH = 30;
    /** Erase from the cursor to the end of the line (ANSI EL). */
    static final String CLEAR_TO_END = "\033[K";

    private final String label;
    private final long total;
    private final LongSupplier progress;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private Thread thread;
    private volatile boolean done;
    private boolean drawn;

    /**
     * A bar for {@code total} units ({@code <= 0}: unknown) of {@code progress}, drawn on {@code err}
     * only if {@code terminal}, timed by {@code nanoClock} (for the rate). Nothing runs until
     * {@link #tick()} or {@link #startTicking()}.
     */
    ProgressBar(String label, long total, LongSupplier progress, PrintWriter err, boolean terminal,
                LongSupplier nanoClock) {
        this.label = label;
        this.total = total;
        this.progress = progress;
        this.err = err;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Starts a bar for {@code total} bytes, or a no-op bar when stderr is not a terminal. */
    static ProgressBar start(String label, long total, LongSupplier progress, PrintWriter err) {
        ProgressBar bar = new ProgressBar(label, total, progress, err, System.console() != null, System::nanoTime);
        bar.startTicking();
        return bar;
    }

    /** Redraws every {@link #PERIOD_MILLIS} ms on a daemon thread until closed (only on a terminal). */
    void startTicking() {
        if (!terminal || thread != null) {
            return;
        }
        thread = new Thread(() -> {
            while (!done) {
                tick();
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "vmtrace-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Draws the current progress once; nothing when stderr is not a terminal. */
    synchronized void tick() {
        if (!terminal || done) {
            return;
        }
        err.print("\r" + line(progress.getAsLong(), nanoClock.getAsLong() - startNanos) + CLEAR_TO_END);
        err.flush();
        drawn = true;
    }

    /** The text of the bar after {@code done} units in {@code elapsedNanos}. */
    String line(long done, long elapsedNanos) {
        long d = Math.max(0, done);
        StringBuilder b = new StringBuilder(label);
        if (total > 0) {
            long shown = Math.min(d, total);
            int filled = (int) (WIDTH * (double) shown / total);
            b.append(" [");
            for (int i = 0; i < WIDTH; i++) {
                b.append(i < filled ? '#' : ' ');
            }
            b.append("] ").append(String.format(Locale.ROOT, "%3d%%", (int) (100 * (double) shown / total)));
            b.append("  ").append(bytes(d)).append(" / ").append(bytes(total));
        } else {
            b.append("  ").append(bytes(d));
        }
        if (elapsedNanos > 0) {
            b.append("  ").append(bytes((long) (d * 1e9 / elapsedNanos))).append("/s");
        }
        return b.toString();
    }

    /** {@code n} bytes for people: B below 1 KiB, else KiB, MiB or GiB with one decimal. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Stops redrawing and clears the bar's line (if anything was drawn). */
    @Override
    public void close() {
        done = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (drawn) {
                err.print("\r" + CLEAR_TO_END);
                err.flush();
                drawn = false;
            }
        }
    }
}
