package dev.vmtrace.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.compat.check.FindingCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/findings.md documents every finding code, with its severity and an example, and nothing else. */
class FindingsCatalogueTest {
    @Test
    void everyCodeHasASectionWithSeverityAndExample() throws Exception {
        String doc = Files.readString(Path.of("findings.md"));
        List<String> sections = new ArrayList<>();
        for (String line : doc.split("\n")) {
            if (line.startsWith("## ")) {
                sections.add(line.substring(3).trim());
            }
        }
        List<String> codes = new ArrayList<>();
        for (FindingCode c : FindingCode.values()) {
            codes.add(c.name());
            int at = doc.indexOf("## " + c.name() + "\n");
            assertTrue(at >= 0, "no section for " + c);
            int end = doc.indexOf("\n## ", at + 3);
            String body = doc.substring(at, end < 0 ? doc.length() : end);
            assertTrue(body.contains("Severity: **" + c.severity().label() + "**"), c + " severity");
            assertTrue(body.contains("Example") && body.contains("```"), c + " example");
            assertTrue(doc.contains("| [`" + c.name() + "`]"), c + " in the table");
        }
        assertEquals(codes, sections, "sections in enum order, no extra ones");
    }
}
