package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.testing.HeadlessChromium;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of HTML report vmtrace writes, loaded in headless Chromium: it must load without
 * console errors and show the verdicts the run produced.
 */
class HtmlReportsInBrowserTest {
    @TempDir
    Path tmp;

    private int run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return VmtraceCommand.execute(args, ps, ps);
    }

    private HeadlessChromium.PageLoad load(Path page) throws Exception {
        HeadlessChromium.PageLoad p = HeadlessChromium.load(HeadlessChromium.require(), page);
        assertTrue(p.errors().isEmpty(), "console errors in " + page.getFileName() + ": " + p.errors());
        assertTrue(p.dom().contains("</html>") || p.dom().contains("</body>"), "page rendered: " + page.getFileName());
        return p;
    }

    @Test
    void aPageWithAScriptErrorIsCaught() throws Exception {
        Path bad = tmp.resolve("bad.html");
        java.nio.file.Files.writeString(bad, "<html><body><script>notDefined();</script></body></html>");
        HeadlessChromium.PageLoad p = HeadlessChromium.load(HeadlessChromium.require(), bad);
        assertEquals(1, p.errors().size(), p.consoleLines().toString());
    }

    @Test
    void compatReportShowsTheVerdict() throws Exception {
        HeadlessChromium.require();
        Path html = tmp.resolve("compat.html");
        Path mig = RealQemu.realDir().resolve("mig");
        assertEquals(ExitCodes.DIVERGENT, run("compat", mig.resolve("pc-q35-7.2.bin").toString(),
                mig.resolve("pc-i440fx-7.2.bin").toString(), "--format", "html", "-o", html.toString()));
        assertTrue(load(html).dom().contains("incompatible"));
    }

    @Test
    void scenarioReportShowsEveryStory() throws Exception {
        HeadlessChromium.require();
        Path html = tmp.resolve("scenarios.html");
        assertEquals(ExitCodes.OK, run("scenario", "all", "--format", "html", "-o", html.toString()));
        assertTrue(load(html).dom().contains("detected as expected"));
    }

    @Test
    void replayReportShowsTheDivergence() throws Exception {
        HeadlessChromium.require();
        Path trace = tmp.resolve("w.trace");
        Path workload = RealQemu.repoDir().resolve("samples/workloads/cpuhp-negotiation.qtest");
        assertEquals(ExitCodes.OK, run("record", "--machine", "pc-q35-7.2", "--smp", "2,maxcpus=4",
                workload.toString(), "-o", trace.toString()));
        Path same = tmp.resolve("same.html");
        assertEquals(ExitCodes.OK, run("replay", trace.toString(), "--format", "html", "-o", same.toString()));
        assertTrue(load(same).dom().contains("identical"));
        Path old = tmp.resolve("old.html");
        assertEquals(ExitCodes.DIVERGENT, run("replay", trace.toString(), "--release", "5.1", "--accel", "tcg",
                "--format", "html", "-o", old.toString()));
        assertTrue(load(old).dom().contains("divergent"));
    }
}
