package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar's drawing, with the terminal decision and the clock injected (no real waiting). */
class ProgressBarTest {
    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    private final StringWriter out = new StringWriter();
    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final AtomicLong done = new AtomicLong();

    private ProgressBar bar(long total, boolean terminal) {
        return new ProgressBar("import", total, done::get, new PrintWriter(out), terminal, clock::get);
    }

    private static String bar(int filled) {
        return "[" + "#".repeat(filled) + " ".repeat(30 - filled) + "]";
    }

    @Test
    void nothingIsDrawnWhenStderrIsNotATerminal() {
        try (ProgressBar b = bar(4 * MIB, false)) {
            b.startTicking();
            for (int i = 0; i < 5; i++) {
                done.addAndGet(MIB);
                clock.addAndGet(SECOND);
                b.tick();
            }
        }
        assertEquals("", out.toString());
    }

    @Test
    void drawsPercentBytesAndRateThenClearsTheLine() {
        try (ProgressBar b = bar(4 * MIB, true)) {
            b.tick();
            clock.addAndGet(SECOND);
            done.set(MIB);
            b.tick();
            clock.addAndGet(SECOND);
            done.set(3 * MIB + MIB / 2);
            b.tick();
            clock.addAndGet(SECOND);
            done.set(4 * MIB);
            b.tick();
        }
        assertEquals("\rimport " + bar(0) + "   0%  0 B / 4.0 MiB\033[K"
                + "\rimport " + bar(7) + "  25%  1.0 MiB / 4.0 MiB  1.0 MiB/s\033[K"
                + "\rimport " + bar(26) + "  87%  3.5 MiB / 4.0 MiB  1.8 MiB/s\033[K"
                + "\rimport " + bar(30) + " 100%  4.0 MiB / 4.0 MiB  1.3 MiB/s\033[K"
                + "\r\033[K", out.toString());
    }

    @Test
    void progressBeyondTheTotalStopsAtOneHundredPercent() {
        try (ProgressBar b = bar(1000, true)) {
            done.set(1500);
            clock.addAndGet(SECOND / 2);
            b.tick();
        }
        assertEquals("\rimport " + bar(30) + " 100%  1.5 KiB / 1000 B  2.9 KiB/s\033[K\r\033[K", out.toString());
    }

    @Test
    void anUnknownTotalShowsBytesAndRateOnly() {
        try (ProgressBar b = bar(0, true)) {
            clock.addAndGet(2 * SECOND);
            done.set(3 * MIB);
            b.tick();
            clock.addAndGet(SECOND);
            done.set(5L << 30);
            b.tick();
        }
        assertEquals("\rimport  3.0 MiB  1.5 MiB/s\033[K\rimport  5.0 GiB  1.7 GiB/s\033[K\r\033[K", out.toString());
    }

    @Test
    void closingBeforeAnythingWasDrawnPrintsNothingAndTicksAfterCloseAreIgnored() {
        ProgressBar b = bar(100, true);
        b.close();
        b.tick();
        assertEquals("", out.toString());
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertEquals("1023 B", ProgressBar.bytes(1023));
        assertEquals("1.0 KiB", ProgressBar.bytes(1024));
        assertEquals("417.0 MiB", ProgressBar.bytes(417 * MIB));
        assertEquals("2.5 GiB", ProgressBar.bytes(5L << 29));
    }
}
