package dev.vmtrace.trace;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.internal.ChronicleSink;
import dev.vmtrace.trace.internal.ChronicleSource;
import dev.vmtrace.trace.internal.ChronicleStore;
import dev.vmtrace.trace.internal.FileSink;
import dev.vmtrace.trace.internal.FileSource;
import dev.vmtrace.trace.internal.Frame;
import dev.vmtrace.trace.internal.FrameSink;
import dev.vmtrace.trace.internal.FrameSource;
import dev.vmtrace.trace.internal.Frames;
import dev.vmtrace.trace.internal.IndexSeeker;
import dev.vmtrace.trace.internal.MetaCodec;
import dev.vmtrace.trace.internal.TraceIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converts between the two storage forms of a trace, frame by frame (the chunks are the same
 * bytes in both): a Chronicle queue directory and the single file for bug reports.
 */
public final class TraceFiles {
    private TraceFiles() {
    }

    /**
     * Starts Chronicle Queue's one-time initialisation on a daemon thread and returns at once: a
     * command that will open or create a queue trace calls this first thing, and the work overlaps
     * with its argument parsing.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(ChronicleStore::warmUp, "vmtrace-chronicle-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** True when {@code path} is a Chronicle queue trace directory. */
    public static boolean isQueue(Path path) {
        return ChronicleStore.isQueueDir(path);
    }

    /**
     * Removes a trace directory: its queue files ({@code .cq4}, {@code .cq4t}), then the directory
     * if nothing else is left in it. Other files are never touched. A missing directory is fine.
     */
    public static void deleteQueue(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".cq4") || n.endsWith(".cq4t")) {
                    Files.delete(p);
                }
            }
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }

    /**
     * Copies the trace at {@code from} (either form) to {@code to}, as a single file when
     * {@code toFile}, else as a Chronicle queue directory. Damaged frames of the source are left
     * out (the copy then reads as having lost them). The seek index is rebuilt for the target form
     * (its positions differ between the forms). Returns the number of frames written.
     */
    public static long copy(Path from, Path to, boolean toFile) throws IOException, BadInputException {
        return copy(from, to, toFile, null);
    }

    /** Like {@link #copy(Path, Path, boolean)}; each damaged frame left out is passed to {@code damaged}. */
    public static long copy(Path from, Path to, boolean toFile, java.util.function.Consumer<BadInputException> damaged)
            throws IOException, BadInputException {
        FrameSource src = Files.isDirectory(from) ? new ChronicleSource(from) : new FileSource(from);
        long frames = 0;
        try (src; FrameSink sink = toFile ? new FileSink(to) : new ChronicleSink(to, false)) {
            TraceIndex index = new TraceIndex(sink.indexForm());
            Frame first = src.next();
            if (first == null || first.kind() != Frames.HEADER) {
                throw BadInputException.atOffset(src.name(), 0, "trace does not start with a header frame");
            }
            sink.write(first.kind(), first.payload(), first.length());
            frames++;
            while (true) {
                Frame f;
                try {
                    f = src.next();
                } catch (BadInputException e) {
                    if (damaged != null) {
                        damaged.accept(e);
                    }
                    continue;
                }
                if (f == null) {
                    break;
                }
                if (f.kind() == Frames.INDEX) {
                    continue; // positions of the source: rebuilt below
                }
                if (f.kind() == Frames.TRAILER) {
                    byte[] x = MetaCodec.encodeIndex(index);
                    sink.write(Frames.INDEX, x, x.length);
                    frames++;
                }
                long at = sink.write(f.kind(), f.payload(), f.length());
                frames++;
                addToIndex(index, f, at, src.name());
            }
        }
        return frames;
    }

    private static void addToIndex(TraceIndex index, Frame f, long at, String name) {
        TraceIndex.Entries list = f.kind() == Frames.CHUNK ? index.chunks() : f.kind() == Frames.REGION ? index.regions()
                : f.kind() == Frames.SNAPSHOT ? index.snapshots() : null;
        if (list == null) {
            return;
        }
        try {
            list.add(IndexSeeker.startSeq(f, name), at);
        } catch (BadInputException e) {
            // A frame whose CRC holds but whose content does not decode stays unindexed: the
            // index then disagrees with the trailer and readers scan, meeting the bad frame.
        }
    }
}
