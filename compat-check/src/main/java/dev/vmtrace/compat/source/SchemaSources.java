package dev.vmtrace.compat.source;

import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a command-line input to a schema set: a migration stream (starts with "QEVM"), a
 * {@code -dump-vmstate} JSON file (plain or gzipped), or {@code vmtrace:RELEASE:MACHINE}.
 */
public final class SchemaSources implements SchemaSource {
    private final VmtraceSchemaSource vmtrace = new VmtraceSchemaSource();

    @Override
    public boolean accepts(String spec) {
        return true;
    }

    @Override
    public SchemaSet load(String spec) throws BadInputException {
        if (vmtrace.accepts(spec)) {
            return vmtrace.load(spec);
        }
        Path file = Path.of(spec);
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw BadInputException.unreadable(spec, "cannot read: " + e.getMessage(), e);
        }
        String origin = file.getFileName().toString();
        if (n == 4 && head[0] == 'Q' && head[1] == 'E' && head[2] == 'V' && head[3] == 'M') {
            return StreamSchemas.of(MigrationStreamReader.read(file), origin);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && !spec.endsWith(".gz")) {
            throw BadInputException.atOffset(spec, 0, "gzipped input must be named *.gz");
        }
        if (spec.endsWith(".gz") || (n > 0 && (head[0] == '{' || Character.isWhitespace(head[0])))) {
            return DumpSchemas.of(JsonReader.parseFile(file), origin);
        }
        throw BadInputException.atOffset(spec, 0, "neither a migration stream (QEVM) nor -dump-vmstate JSON");
    }

    /** Loads {@code spec} with the default sources. */
    public static SchemaSet resolve(String spec) throws BadInputException {
        return new SchemaSources().load(spec);
    }
}
