package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.testing.RealQemu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandsTest {
    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = VmtraceCommand.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private static String workload(String name) {
        return RealQemu.repoDir().resolve("samples/workloads/" + name + ".qtest").toString();
    }

    @Test
    void recordThenReplayIdenticalThenDivergentOnRelease51() throws Exception {
        Path trace = tmp.resolve("cpuhp");
        assertEquals(0, run("record", "--machine", "pc-q35-7.2", workload("cpuhp-negotiation"), "-o", trace.toString()),
                err);
        assertTrue(out.contains("recorded cpuhp-negotiation.qtest on pc-q35-7.2 release 7.2.22 tcg"), out);
        assertEquals(0, run("replay", trace.toString()), err + out);
        assertTrue(out.contains("IDENTICAL"), out);
        assertEquals(1, run("replay", trace.toString(), "--release", "5.1", "--context", "2"), err);
        assertTrue(out.contains("first divergence at #"), out);
        assertTrue(out.contains("[dropped]: acpi-cpu-hotplug (legacy) +0x0"), out);
        Path json = tmp.resolve("r.json");
        assertEquals(1, run("replay", trace.toString(), "--release", "5.1", "--format", "json", "-o", json.toString()));
        assertTrue(Files.readString(json).contains("\"verdict\": \"divergent\""));
        assertEquals(1, run("replay", trace.toString(), "--matrix", "release=5.1,7.2.22", "accel=tcg,kvm",
                "--format", "html", "-o", tmp.resolve("m.html").toString()), err);
        assertTrue(Files.readString(tmp.resolve("m.html")).contains("release=5.1"));
        assertEquals(1, run("bisect", trace.toString(), "--releases", "2.7..7.2.22"), err);
        assertTrue(out.contains("first divergent release: 5.1"), out);
    }

    @Test
    void migrateAtLoadsOrNamesTheSection() throws Exception {
        Path trace = tmp.resolve("apm.vmtrace");
        assertEquals(0, run("record", "--machine", "q35", "--single-file", workload("apm-unassigned"), "-o",
                trace.toString()), err);
        String at = Long.toString(migrationPoint(trace));
        assertEquals(0, run("replay", trace.toString(), "--migrate-at", at, "--to-release", "7.2.0"), err + out);
        assertTrue(out.contains("migration at #" + at + ": loaded"), out);
        assertEquals(1, run("replay", trace.toString(), "--migrate-at", at, "--to-machine", "pc"), err);
        assertTrue(out.contains("FAILED in section 'configuration'"), out);
    }

    private static long migrationPoint(Path trace) throws Exception {
        try (dev.vmtrace.trace.TraceReader r = dev.vmtrace.trace.TraceReader.open(trace)) {
            while (r.hasNext()) {
                dev.vmtrace.trace.TraceEvent e = r.next();
                if (e instanceof dev.vmtrace.trace.HostEvent) {
                    return e.seq();
                }
            }
        }
        throw new AssertionError("no host event");
    }

    @Test
    void badTraceExitsThreeAndBadOptionsTwo() throws Exception {
        Path junk = tmp.resolve("junk.vmtrace");
        Files.write(junk, new byte[64]);
        assertEquals(3, run("replay", junk.toString()));
        assertTrue(err.contains("bad input"), err);
        Path trace = tmp.resolve("t");
        assertEquals(0, run("record", "--machine", "pc", workload("apm-unassigned"), "-o", trace.toString()), err);
        assertEquals(2, run("replay", trace.toString(), "--release", "banana"));
        assertEquals(2, run("replay", trace.toString(), "--to-release", "5.1"));
        Path script = tmp.resolve("bad.qtest");
        Files.writeString(script, "outb 0xb2 0x1\n# vmtrace: frobnicate\n");
        assertEquals(3, run("record", "--machine", "pc", script.toString(), "-o", tmp.resolve("u").toString()));
        assertTrue(err.contains("line 2"), err);
        assertTrue(!Files.exists(tmp.resolve("u")) || Files.list(tmp.resolve("u")).findAny().isEmpty());
    }

    /** Story S2 from the command line: record the bundled .cpreg workload, replay it under each sync policy. */
    @Test
    void armSyncRecordThenReplayUnderEachPolicy() throws Exception {
        String script = RealQemu.repoDir().resolve("samples/src/main/resources/scenarios/S2/debugger-then-reset.cpreg").toString();
        Path trace = tmp.resolve("s2.vmtrace");
        assertEquals(0, run("record", "--arm-sync", "--machine", "virt-7.2", "--single-file", script, "-o", trace.toString()),
                err + out);
        assertTrue(out.contains("7 sync steps"), out);
        assertEquals(0, run("inspect", trace.toString()), err);
        assertTrue(out.contains("CPU_SYNC        7"), out);
        assertEquals(0, run("replay", trace.toString()), err + out);
        assertTrue(out.contains("sync policy WRITEBACK"), out);
        assertEquals(1, run("replay", trace.toString(), "--sync-policy", "NO_WRITEBACK"), err);
        assertTrue(out.contains("cpu 0 ESR_EL1") && out.contains("lost-write"), out);
        assertEquals(1, run("replay", trace.toString(), "--release", "4.0", "--format", "json"), err);
        assertTrue(out.contains("\"verdict\": \"divergent\"") || out.contains("\"verdict\":\"divergent\""), out);
        assertEquals(1, run("replay", trace.toString(), "--sync-policy", "WRITEBACK_STALE_RESET"), err);
        assertTrue(out.contains("reset-clobbered"), out);
        assertEquals(2, run("replay", trace.toString(), "--matrix", "release=4.0,4.1"), err);
        assertEquals(2, run("bisect", trace.toString(), "--releases", "4.0..7.2.22"), err);
        Path x86 = tmp.resolve("x86");
        assertEquals(0, run("record", "--machine", "pc", workload("apm-unassigned"), "-o", x86.toString()), err);
        assertEquals(2, run("replay", x86.toString(), "--sync-policy", "WRITEBACK"), err);
        Path bad = tmp.resolve("bad.cpreg");
        Files.writeString(bad, "get\ndebugger-write NOPE_EL1 1\n");
        assertEquals(3, run("record", "--arm-sync", "--machine", "virt-7.2", bad.toString(), "-o", tmp.resolve("b").toString()));
        assertTrue(err.contains("line 2"), err);
    }
}
