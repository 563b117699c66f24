package dev.vmtrace.cli;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.input.Futures;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;

/**
 * Loads a verb's input files on background threads while picocli builds its command model, which
 * takes about 60 ms of a short run on one core. The files are guessed from the raw command line
 * before it is parsed: a guess that turns out to be an option's value or an output file costs a
 * wasted read, never a wrong answer, because {@link #get} only hands out what was loaded for the
 * exact argument the parsed command asks for, and loads it directly otherwise. Loading must be
 * free of side effects (it is: reading and decoding).
 *
 * @param <T> what a file loads into
 */
final class Prefetch<T> {
    /** Loads one input named on the command line. */
    interface Loader<T> {
        T load(String spec) throws BadInputException;
    }

    private final Loader<T> loader;
    private final ConcurrentHashMap<String, FutureTask<T>> started = new ConcurrentHashMap<>();

    Prefetch(Loader<T> loader) {
        this.loader = loader;
    }

    /**
     * Starts loading the first {@code max} words of {@code args} after {@code from} that name
     * existing regular files and are not options.
     */
    void start(String[] args, int from, int max) {
        int n = 0;
        for (int i = from; i < args.length && n < max; i++) {
            String a = args[i];
            if (a.startsWith("-") || started.containsKey(a) || !isFile(a)) {
                continue;
            }
            FutureTask<T> task = new FutureTask<>(() -> loader.load(a));
            started.put(a, task);
            Thread t = new Thread(task, "vmtrace-prefetch");
            t.setDaemon(true);
            t.start();
            n++;
        }
    }

    /** What {@code spec} loads into: the background result when one was started, else loaded now. */
    T get(String spec) throws BadInputException {
        FutureTask<T> task = started.remove(spec);
        if (task == null) {
            return loader.load(spec);
        }
        try {
            return Futures.await(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return loader.load(spec);
        }
    }

    /** Forgets whatever was started and not taken (the command ended, or never asked for it). */
    void clear() {
        started.clear();
    }

    private static boolean isFile(String a) {
        try {
            return Files.isRegularFile(Path.of(a));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
