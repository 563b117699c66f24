package dev.vmtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.json.JsonArray;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.MachineConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReportTest {
    @TempDir
    Path dir;

    private ReplayResult divergent() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        Path trace = Workloads.record(dir, "cpuhp-negotiation", c);
        return Replayer.replay(trace, ReplayOptions.of(Workloads.config("pc-q35-5.1", "5.1", Accel.TCG)));
    }

    private ReplayResult identical() throws Exception {
        MachineConfig c = Workloads.config("pc-q35-7.2", "7.2.22", Accel.TCG);
        return Replayer.replay(Workloads.record(dir, "apm-unassigned", c), ReplayOptions.of(c));
    }

    private static JsonObject parse(String json) throws Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return JsonReader.parse("report", b, 0, b.length, dev.vmtrace.engine.json.JsonLimits.DEFAULT).asObject("report");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonObject o = parse(ReplayReport.json(divergent()));
        for (String key : new String[] {"verdict", "trace", "target", "recorded_on", "events", "accesses",
            "reads_compared", "reads_matching", "unmodeled", "divergence_count", "divergences", "first_divergence",
            "groups", "checkpoints", "migration", "notes"}) {
            assertTrue(o.has(key), key);
        }
        assertEquals("divergent", o.string("verdict"));
        JsonArray ds = o.array("divergences");
        JsonObject d0 = ds.get(0).asObject("divergence");
        assertEquals("dropped", d0.string("kind"));
        for (String key : new String[] {"seq", "region", "message", "expected", "actual"}) {
            assertTrue(d0.has(key), key);
        }
        JsonObject first = o.object("first_divergence");
        assertEquals(d0.longValue("seq"), first.object("divergence").longValue("seq"));
        assertTrue(first.has("before") && first.has("at") && first.has("after"));
    }

    @Test
    void identicalJsonHasNullFirstDivergence() throws Exception {
        JsonObject o = parse(ReplayReport.json(identical()));
        assertEquals("identical", o.string("verdict"));
        assertEquals(0, o.longValue("divergence_count"));
        assertTrue(o.get("first_divergence") instanceof dev.vmtrace.engine.json.JsonNull);
    }

    @Test
    void htmlIsSelfContainedAndNamesTheVerdict() throws Exception {
        String html = ReplayReport.html(divergent());
        assertTrue(html.contains("vmtrace replay: <span class=\"divergent\">divergent</span>"));
        assertTrue(html.contains("<svg"), "timeline");
        assertTrue(html.contains("acpi-cpu-hotplug (legacy)"));
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"));
        assertFalse(html.contains("<script"));
        assertTrue(ReplayReport.html(identical()).contains("<span class=\"identical\">identical</span>"));
    }

    @Test
    void junitHasOneCasePerCheckpointAndFailsTheAccesses() throws Exception {
        ReplayResult r = divergent();
        String x = ReplayReport.junit(r);
        assertEquals(1 + r.checkpoints().size(), x.split("<testcase ", -1).length - 1);
        long failing = 1 + r.checkpoints().stream().filter(c -> !c.differences().isEmpty()).count();
        assertTrue(x.contains("failures=\"" + failing + "\""), x);
        assertTrue(x.contains(" divergence(s); first: #" + r.first().divergence().seq()), x);
    }

    @Test
    void textShowsFirstDivergenceWithContextAndGroups() throws Exception {
        String t = ReplayReport.text(divergent());
        assertTrue(t.contains("DIVERGENT"));
        assertTrue(t.contains("first divergence at #"));
        assertTrue(t.contains(">>> #"));
        assertTrue(t.contains("divergences by kind and region:"));
    }
}
