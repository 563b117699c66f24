package dev.vmtrace.samples.scenario;

import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads story workloads and fixtures bundled on the classpath. */
public final class StoryResources {
    private StoryResources() {
    }

    /** The text of classpath resource {@code path} (no leading slash). */
    public static String text(String path) throws BadInputException {
        try (InputStream in = StoryResources.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw BadInputException.unreadable(path, "missing bundled sample", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BadInputException.unreadable(path, "cannot read: " + e.getMessage(), e);
        }
    }
}
