package dev.vmtrace.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr for long operations, drawn only when stderr is a terminal (a
 * {@link System#console()} exists), so logs and tests never see it.
 */
final class ProgressBar implements AutoCloseable {
    private final Thread thread;
    private final PrintWriter err;
    private volatile boolean done;

    private ProgressBar(String label, long total, LongSupplier progress, PrintWriter err) {
        this.err = err;
        this.thread = new Thread(() -> {
            while (!done) {
                draw(label, total, progress.getAsLong());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "vmtrace-progress");
        thread.setDaemon(true);
    }

    /** Starts a bar for {@code total} units, or a no-op bar when stderr is not a terminal. */
    static ProgressBar start(String label, long total, LongSupplier progress, PrintWriter err) {
        ProgressBar bar = new ProgressBar(label, total, progress, err);
        if (System.console() != null && total > 0) {
            bar.thread.start();
        }
        return bar;
    }

    private void draw(String label, long total, long done) {
        int width = 40;
        int filled = (int) Math.min(width, width * Math.max(0, done) / Math.max(1, total));
        StringBuilder b = new StringBuilder("\r").append(label).append(" [");
        for (int i = 0; i < width; i++) {
            b.append(i < filled ? '#' : ' ');
        }
        b.append("] ").append(Math.min(100, 100 * done / Math.max(1, total))).append('%');
        err.print(b);
        err.flush();
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            done = true;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r\033[K");
            err.flush();
        }
    }
}
