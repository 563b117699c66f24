package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading inputs guessed from the raw command line, and handing out only exact matches. */
class PrefetchTest {
    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<String> loads = new ConcurrentLinkedQueue<>();

    private Prefetch<String> prefetch() {
        return new Prefetch<>(spec -> {
            loads.add(spec);
            if (spec.endsWith(".bad")) {
                throw BadInputException.atOffset(spec, 7, "not a stream");
            }
            return "loaded " + spec;
        });
    }

    private String file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "x").toString();
    }

    @Test
    void aStartedFileIsLoadedOnceAndHandedOut() throws Exception {
        String a = file("a.bin");
        String b = file("b.bin");
        Prefetch<String> p = prefetch();
        p.start(new String[] {"compat", a, b}, 1, 2);
        assertEquals("loaded " + a, p.get(a));
        assertEquals("loaded " + b, p.get(b));
        assertEquals(2, loads.size(), "each file loaded exactly once: " + loads);
    }

    @Test
    void optionsMissingFilesAndWordsPastTheLimitAreNotStarted() throws Exception {
        String a = file("a.bin");
        String b = file("b.bin");
        String c = file("c.bin");
        Prefetch<String> p = prefetch();
        p.start(new String[] {"compat", "--format", "json", dir.resolve("missing").toString(), a, b, c}, 1, 2);
        assertEquals("loaded " + c, p.get(c)); // not started: loaded now, on this thread
        assertEquals("loaded " + a, p.get(a));
        assertEquals("loaded " + b, p.get(b));
        assertEquals(3, loads.size(), loads.toString());
        assertTrue(!loads.contains("json") && !loads.contains("--format"));
    }

    @Test
    void aFailedLoadIsRethrownAsTheSameBadInput() throws Exception {
        String bad = file("x.bad");
        Prefetch<String> p = prefetch();
        p.start(new String[] {bad}, 0, 2);
        BadInputException e = assertThrows(BadInputException.class, () -> p.get(bad));
        assertTrue(e.getMessage().contains("not a stream"), e.getMessage());
        assertEquals(7, e.offset());
    }

    @Test
    void clearedResultsAreNotHandedOutLater() throws Exception {
        String a = file("a.bin");
        Prefetch<String> p = prefetch();
        p.start(new String[] {a}, 0, 2);
        p.clear();
        assertEquals("loaded " + a, p.get(a));
        // the cleared background load may or may not have run; the answer came from a fresh load
        assertTrue(loads.size() >= 1 && loads.size() <= 2, loads.toString());
        assertEquals(List.of(a), loads.stream().distinct().toList());
    }
}
