package dev.vmtrace.samples.scenario;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.json.JsonArray;
import dev.vmtrace.engine.json.JsonObject;
import dev.vmtrace.engine.json.JsonReader;
import dev.vmtrace.engine.json.JsonString;
import dev.vmtrace.engine.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A story's expected outcome, machine readable ({@code scenarios/<id>/expected.json} on the
 * classpath): which variants must break and which must stay clean, and the findings (code, variant,
 * path) that must be reported.
 */
public record Expectation(String id, Map<String, Boolean> brokenByVariant, List<Expected> findings) {
    /** One finding that must appear. */
    public record Expected(String variant, String code, String path) {
    }

    public Expectation {
        brokenByVariant = Map.copyOf(brokenByVariant);
        findings = List.copyOf(findings);
    }

    /** Loads {@code scenarios/<id>/expected.json}. */
    public static Expectation load(String id) throws BadInputException {
        String res = "/scenarios/" + id + "/expected.json";
        byte[] bytes;
        try (InputStream in = Expectation.class.getResourceAsStream(res)) {
            if (in == null) {
                throw BadInputException.unreadable(res, "missing story expectation", null);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw BadInputException.unreadable(res, "cannot read: " + e.getMessage(), e);
        }
        JsonObject root = (JsonObject) JsonReader.parse(res, bytes);
        Map<String, Boolean> variants = new LinkedHashMap<>();
        JsonObject v = root.object("variants");
        for (Map.Entry<String, JsonValue> e : v.members().entrySet()) {
            String verdict = ((JsonString) e.getValue()).value();
            if (!verdict.equals("broken") && !verdict.equals("clean")) {
                throw BadInputException.atOffset(res, ((JsonString) e.getValue()).offset(), "variant verdict must be broken or clean");
            }
            variants.put(e.getKey(), verdict.equals("broken"));
        }
        List<Expected> expected = new ArrayList<>();
        JsonArray arr = root.array("findings");
        for (JsonValue f : arr.elements()) {
            JsonObject o = (JsonObject) f;
            expected.add(new Expected(o.string("variant"), o.string("code"), o.string("path")));
        }
        return new Expectation(root.string("id"), variants, expected);
    }

    /** Compares what a run found with this expectation. */
    public StoryResult judge(String title, List<VariantVerdict> verdicts, List<StoryFinding> found) {
        List<String> unmet = new ArrayList<>();
        boolean detected = true;
        for (Expected e : findings) {
            boolean hit = found.stream().anyMatch(f -> f.variant().equals(e.variant()) && f.code().equals(e.code())
                    && f.path().equals(e.path()));
            if (!hit) {
                detected = false;
                unmet.add("missing finding " + e.code() + " at " + e.path() + " under " + e.variant());
            }
        }
        boolean asExpected = detected;
        for (Map.Entry<String, Boolean> e : brokenByVariant.entrySet()) {
            VariantVerdict got = verdicts.stream().filter(x -> x.variant().equals(e.getKey())).findFirst().orElse(null);
            if (got == null) {
                asExpected = false;
                unmet.add("variant " + e.getKey() + " was not run");
            } else if (got.broken() != e.getValue()) {
                asExpected = false;
                unmet.add("variant " + e.getKey() + " expected " + (e.getValue() ? "broken" : "clean")
                        + " but was " + (got.broken() ? "broken" : "clean") + ": " + got.summary());
            }
        }
        return new StoryResult(id, title, detected, asExpected, verdicts, found, unmet);
    }
}
