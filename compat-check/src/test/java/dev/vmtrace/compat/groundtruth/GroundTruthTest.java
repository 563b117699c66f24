package dev.vmtrace.compat.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.compat.check.CompatChecker;
import dev.vmtrace.compat.check.CompatResult;
import dev.vmtrace.compat.check.Finding;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.source.StreamSchemas;
import dev.vmtrace.compat.report.CompatReport;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.stream.MigrationStreamWriter;
import dev.vmtrace.engine.stream.StreamSection;
import dev.vmtrace.engine.stream.VmdescSchemas;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * vmtrace's compat prediction against real QEMU 7.2: for every pair in
 * {@code groundtruth/pairs.txt}, QEMU makes the source stream and loads it into the destination
 * configuration; vmtrace compares the source stream with the destination's own stream. The
 * verdicts must be equal, and on failure vmtrace's first error must name the section QEMU stopped
 * in ({@code configuration} when QEMU stopped before any section). Also: QEMU's streams decoded
 * and written again by vmtrace's stream writer load into QEMU, and a stream with one section's
 * version raised is refused as vmtrace words it.
 */
@Tag("qemu")
class GroundTruthTest {
    private static List<String> resource(String name) throws IOException {
        try (InputStream in = GroundTruthTest.class.getResourceAsStream("/groundtruth/" + name)) {
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    @TestFactory
    List<DynamicTest> vmtraceAgreesWithQemu() throws Exception {
        RealQemu.requireQemu();
        Map<String, List<String>> configs = QemuRuns.configs(resource("configs.txt"));
        List<String[]> pairs = new ArrayList<>();
        for (String line : resource("pairs.txt")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] p = line.split("->");
                pairs.add(new String[] {p[0].trim(), p[1].trim()});
            }
        }
        QemuRuns qemu = new QemuRuns(Paths.get("target", "groundtruth").toAbsolutePath());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> streams = new ArrayList<>();
            List<String> names = new ArrayList<>(configs.keySet());
            for (String n : names) {
                streams.add(pool.submit(() -> qemu.stream(n, configs.get(n))));
            }
            Map<String, Path> streamOf = new java.util.HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                streamOf.put(names.get(i), streams.get(i).get());
            }
            List<Future<QemuRuns.Load>> loads = new ArrayList<>();
            for (String[] p : pairs) {
                loads.add(pool.submit(() -> qemu.load(streamOf.get(p[0]), configs.get(p[1]))));
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                String[] p = pairs.get(i);
                QemuRuns.Load truth = loads.get(i).get();
                SchemaSet src = StreamSchemas.of(MigrationStreamReader.read(streamOf.get(p[0])), p[0]);
                SchemaSet dst = StreamSchemas.of(MigrationStreamReader.read(streamOf.get(p[1])), p[1]);
                tests.add(DynamicTest.dynamicTest(p[0] + " -> " + p[1], () -> agree(truth, CompatChecker.check(src, dst))));
            }
            // vmtrace's writer: QEMU's stream decoded and saved again by vmtrace must load into QEMU too.
            Path rewritten = Paths.get("target", "groundtruth", "rewritten").toAbsolutePath();
            java.nio.file.Files.createDirectories(rewritten);
            List<String> rewrite = List.of("m32", "q35", "e1000", "nvdimm-dev", "no-hp-bridge");
            List<Future<QemuRuns.Load>> rewrittenLoads = new ArrayList<>();
            for (String n : rewrite) {
                Path out = rewritten.resolve(n + "-" + QemuRuns.hash(configs.get(n)) + ".bin");
                java.nio.file.Files.write(out, MigrationStreamWriter.write(
                        VmdescSchemas.machineState(MigrationStreamReader.read(streamOf.get(n)))));
                rewrittenLoads.add(pool.submit(() -> qemu.load(out, configs.get(n))));
            }
            for (int i = 0; i < rewrite.size(); i++) {
                QemuRuns.Load truth = rewrittenLoads.get(i).get();
                tests.add(DynamicTest.dynamicTest("vmtrace-written " + rewrite.get(i) + " loads into QEMU",
                        () -> assertEquals(true, truth.ok(), "QEMU: " + truth.errors())));
            }
            // A section version no QEMU 7.2 knows: m32's stream with mc146818rtc one version newer.
            Path newer = rewritten.resolve(streamOf.get("m32").getFileName().toString().replace(".bin", "-rtc-newer.bin"));
            java.nio.file.Files.write(newer, newerSection(streamOf.get("m32"), "mc146818rtc"));
            QemuRuns.Load newerTruth = qemu.load(newer, configs.get("m32"));
            SchemaSet newerSrc = StreamSchemas.of(MigrationStreamReader.read(newer), "m32 rtc+1");
            SchemaSet m32 = StreamSchemas.of(MigrationStreamReader.read(streamOf.get("m32")), "m32");
            tests.add(DynamicTest.dynamicTest("m32 with a newer mc146818rtc -> m32",
                    () -> agree(newerTruth, CompatChecker.check(newerSrc, m32))));
            return tests;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code stream} with the version_id of section {@code idstr} raised by one (header: formats.md section 3). */
    private static byte[] newerSection(Path stream, String idstr) throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(stream);
        for (StreamSection s : MigrationStreamReader.read(stream).sections()) {
            if (s.idstr().equals(idstr)) {
                // type, section id, name length, name, instance id, then the version
                int at = (int) s.offset() + 1 + 4 + 1 + idstr.length() + 4;
                java.nio.ByteBuffer.wrap(bytes).putInt(at, s.versionId() + 1);
                return bytes;
            }
        }
        throw new IllegalStateException("no section " + idstr + " in " + stream);
    }

    private static void agree(QemuRuns.Load truth, CompatResult predicted) {
        String context = "QEMU: " + (truth.ok() ? "OK" : "FAIL at " + truth.lastSection() + " " + truth.errors())
                + "\nvmtrace:\n" + CompatReport.text(List.of(predicted));
        assertEquals(truth.ok(), predicted.compatible(), context);
        if (!truth.ok()) {
            Finding first = predicted.firstError();
            // No section started: QEMU failed on the configuration section.
            String qemuSection = truth.lastSection() == null ? "configuration" : truth.lastSection();
            // vmtrace's first error predicts QEMU's words ("...; QEMU: Machine type received is
            // ..."): QEMU's first error must start with them (QEMU may add advice after them).
            String qemuSays = truth.errors().stream()
                    .filter(e -> !e.startsWith("load of migration failed") && !e.startsWith("warning:"))
                    .findFirst().orElse(null);
            int at = first.evidence().lastIndexOf("QEMU: ");
            String prediction = at < 0 ? null : first.evidence().substring(at + "QEMU: ".length());
            // Every failure of the suite is one vmtrace can word: configuration, RAM blocks, unknown
            // sections, and field layouts that change the byte count (QEMU then misses the footer).
            assertNotNull(prediction, "a failing load comes with QEMU's message\n" + context);
            assertNotNull(qemuSays, "QEMU printed no error\n" + context);
            assertTrue(qemuSays.startsWith(prediction), "QEMU said: " + qemuSays + "\n" + context);
            String blamed = first.section().contains(" ") ? first.section().substring(0, first.section().indexOf(' '))
                    : first.section();
            assertEquals(qemuSection, blamed, context);
        }
    }
}
