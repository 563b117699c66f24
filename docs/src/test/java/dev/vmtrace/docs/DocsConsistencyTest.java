package dev.vmtrace.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.cli.ExitCodes;
import dev.vmtrace.cli.VmtraceCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the README and docs/ in step with the code: verbs, exit codes, links, quick start. */
class DocsConsistencyTest {
    private static final Path REPO = Paths.get(System.getProperty("vmtrace.repo.dir", "..")).toAbsolutePath().normalize();

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void everyVerbIsDocumentedInTheReadme() throws IOException {
        String readme = read(REPO.resolve("README.md"));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (String verb : VmtraceCommand.commandLine(sink, sink).getSubcommands().keySet()) {
            if (!readme.contains("vmtrace " + verb)) {
                missing.add(verb);
            }
        }
        assertTrue(missing.isEmpty(), "verbs without a README mention of 'vmtrace <verb>': " + missing);
    }

    @Test
    void quickStartHasExactlyTheTwoCommands() throws IOException {
        String readme = read(REPO.resolve("README.md"));
        int start = readme.indexOf("## Quick start");
        assertTrue(start >= 0, "README has a Quick start section");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 3));
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(block.find(), "Quick start has a sh code block");
        List<String> commands = new ArrayList<>();
        for (String line : block.group(1).split("\n")) {
            String cmd = line.replaceAll("#.*", "").trim();
            if (!cmd.isEmpty()) {
                commands.add(cmd);
            }
        }
        assertEquals(List.of("./vmtrace demo", "mvn -B verify"), commands);
        String ci = read(REPO.resolve(".ci/run"));
        assertTrue(ci.contains("mvn -B verify"), ".ci/run runs the README's test command");
    }

    @Test
    void exitCodeTableMatchesTheCode() throws IOException {
        String readme = read(REPO.resolve("README.md"));
        int[] codes = {ExitCodes.OK, ExitCodes.DIVERGENT, ExitCodes.USAGE, ExitCodes.BAD_INPUT, ExitCodes.INTERNAL};
        String[] words = {"ok", "divergent", "usage", "bad input", "internal"};
        for (int i = 0; i < codes.length; i++) {
            Pattern row = Pattern.compile("\\|\\s*" + codes[i] + "\\s*\\|[^\\n]*" + words[i], Pattern.CASE_INSENSITIVE);
            assertTrue(row.matcher(readme).find(), "README exit-code row for " + codes[i] + " (" + words[i] + ")");
        }
    }

    @Test
    void relativeLinksInReadmeAndDocsResolve() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(REPO.resolve("README.md"));
        try (Stream<Path> s = Files.walk(REPO.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/target/")).forEach(pages::add);
        }
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = link.matcher(read(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                if (!Files.exists(page.getParent().resolve(target).normalize())) {
                    broken.add(REPO.relativize(page) + " -> " + target);
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken relative links: " + broken);
    }
}
