package dev.vmtrace.compat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.compat.model.DescriptionSchema;
import dev.vmtrace.compat.model.FieldSchema;
import dev.vmtrace.compat.model.SchemaKind;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.model.SectionSchema;
import dev.vmtrace.engine.stream.RamBlock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One rule at a time, on small hand-made schema sets, including QEMU's checker's blind spots. */
class CompatRulesTest {
    static FieldSchema f(String name, long size) {
        return new FieldSchema(name, null, size, -1, 0, false, null);
    }

    static FieldSchema f(String name, long size, int version, boolean exists) {
        return new FieldSchema(name, null, size, -1, version, exists, null);
    }

    static SchemaSet dump(SectionSchema... sections) {
        return new SchemaSet("d", SchemaKind.DUMP, "pc-i440fx-7.2", null, List.of(sections), null, null);
    }

    static SectionSchema sec(String name, int version, int min, FieldSchema... fields) {
        return new SectionSchema(name, 0, version, min, new DescriptionSchema(name, version, min, List.of(fields),
                List.of()), -1, 0);
    }

    static List<String> codes(CompatResult r) {
        return r.findings().stream().map(x -> x.severity().label() + " " + x.code() + " " + x.path())
                .collect(Collectors.toList());
    }

    @Test
    void sectionLevelMinimumVersionIsAnError() {
        CompatResult r = CompatChecker.check(dump(sec("dev", 1, 1, f("a", 4))), dump(sec("dev", 3, 2, f("a", 4))));
        assertEquals(List.of("error SECTION_VERSION_TOO_OLD dev"), codes(r));
    }

    @Test
    void extraTrailingDestinationFieldIsAnError() {
        CompatResult r = CompatChecker.check(dump(sec("dev", 1, 1, f("a", 4))),
                dump(sec("dev", 1, 1, f("a", 4), f("b", 2))));
        assertEquals(List.of("error FIELD_EXTRA_IN_DESTINATION dev > b"), codes(r));
        assertEquals("incompatible", r.verdict());
    }

    @Test
    void newerFieldVersionIsNotReadFromAnOlderSource() {
        CompatResult r = CompatChecker.check(dump(sec("dev", 1, 1, f("a", 4))),
                dump(sec("dev", 2, 1, f("a", 4), f("b", 2, 2, false))));
        assertEquals(List.of(), codes(r), "b exists from version 2 and the source sends version 1");
    }

    @Test
    void fieldExistsChangeIsAWarning() {
        CompatResult r = CompatChecker.check(dump(sec("dev", 1, 1, f("a", 4), f("b", 1))),
                dump(sec("dev", 1, 1, f("a", 4), f("b", 1, 0, true))));
        assertEquals(List.of("warning FIELD_EXISTS_CHANGED dev > b"), codes(r));
        assertEquals("compatible", r.verdict());
    }

    @Test
    void reorderedFieldsAreAnError() {
        CompatResult r = CompatChecker.check(dump(sec("dev", 1, 1, f("a", 4), f("b", 4))),
                dump(sec("dev", 1, 1, f("b", 4), f("a", 4))));
        assertEquals(List.of("error FIELD_REORDERED dev > b"), codes(r), "b is sent second but read first");
    }

    @Test
    void paddingSizeMattersButAFieldMayBecomePadding() {
        CompatResult grown = CompatChecker.check(dump(sec("dev", 1, 1, f("a", 4), f("unused", 4))),
                dump(sec("dev", 1, 1, f("a", 4), f("unused", 8))));
        assertEquals(List.of("error UNUSED_SIZE_MISMATCH dev > unused"), codes(grown));
        CompatResult retired = CompatChecker.check(dump(sec("dev", 1, 1, f("a", 4), f("old", 4))),
                dump(sec("dev", 1, 1, f("a", 4), f("unused", 4))));
        assertEquals(List.of("info FIELD_REPLACED_BY_PADDING dev > old"), codes(retired));
    }

    static SchemaSet stream(String machine, boolean config, RamBlock... blocks) {
        SectionSchema ram = new SectionSchema("ram", 0, 4, -1, null, 100, 0);
        return new SchemaSet(machine, SchemaKind.STREAM, machine, config, List.of(ram), List.of(blocks), null);
    }

    @Test
    void ramBlocksFollowResizabilityAndMaximum() {
        SchemaSet small = stream("pc-i440fx-7.2", true, new RamBlock("pc.ram", 0x2000000),
                new RamBlock("/rom@etc/acpi/tables", 0x20000));
        SchemaSet big = stream("pc-i440fx-7.2", true, new RamBlock("pc.ram", 0x2000000),
                new RamBlock("/rom@etc/acpi/tables", 0x40000));
        CompatResult resized = CompatChecker.check(big, small);
        assertTrue(codes(resized).contains("info RAMBLOCK_RESIZED ram > /rom@etc/acpi/tables"), codes(resized).toString());
        assertTrue(codes(resized).contains("warning ACPI_TABLES_BEYOND_PADDING ram > /rom@etc/acpi/tables"));
        assertTrue(resized.findings().get(0).evidence().contains("rule acpi-tables-resizable"));
        SchemaSet huge = stream("pc-i440fx-7.2", true, new RamBlock("pc.ram", 0x2000000),
                new RamBlock("/rom@etc/acpi/tables", 0x400000));
        assertTrue(codes(CompatChecker.check(huge, small)).contains("error RAMBLOCK_TOO_LARGE ram > /rom@etc/acpi/tables"));
        SchemaSet more = stream("pc-i440fx-7.2", true, new RamBlock("pc.ram", 0x4000000),
                new RamBlock("/rom@etc/acpi/tables", 0x20000));
        CompatResult fixed = CompatChecker.check(more, small);
        assertEquals(List.of("error RAMBLOCK_SIZE_MISMATCH ram > pc.ram"), codes(fixed));
        assertTrue(fixed.findings().get(0).evidence().contains("rule fixed-size"));
        assertEquals("ram", fixed.firstError().section());
    }

    @Test
    void configurationSectionRules() {
        SchemaSet v72 = stream("pc-i440fx-7.2", true);
        SchemaSet v22 = stream("pc-i440fx-2.2", false);
        SchemaSet q35 = stream("pc-q35-7.2", true);
        assertEquals(List.of("error CONFIG_UNEXPECTED configuration"), codes(CompatChecker.check(v72, v22)));
        assertEquals(List.of("error CONFIG_MISSING configuration"), codes(CompatChecker.check(v22, v72)));
        assertEquals(List.of("error MACHINE_TYPE_MISMATCH configuration"), codes(CompatChecker.check(q35, v72)));
        SchemaSet legacy = stream("pc-i440fx-2.0", false);
        assertTrue(codes(CompatChecker.check(legacy, legacy)).contains("warning ACPI_LEGACY_SIZING ram > /rom@etc/acpi/tables"));
    }

    @Test
    void undecodableSectionsOfDifferentLengthDiffer() {
        SectionSchema a = new SectionSchema("0000:00:01.3/piix4_pm", 0, 3, -1, null, 288, 1);
        SectionSchema b = new SectionSchema("0000:00:01.3/piix4_pm", 0, 3, -1, null, 2140, 1);
        SchemaSet src = new SchemaSet("a", SchemaKind.STREAM, null, false, List.of(a), List.of(), null);
        SchemaSet dst = new SchemaSet("b", SchemaKind.STREAM, null, false, List.of(b), List.of(), null);
        assertEquals(List.of("error SECTION_LENGTH_DIFFERS 0000:00:01.3/piix4_pm"), codes(CompatChecker.check(src, dst)));
        assertEquals(List.of(), codes(CompatChecker.check(src, src)));
    }

    @Test
    void acpiBlocksAreFixedOnDestinationsBeforeQemu23() {
        SchemaSet small = stream("pc-i440fx-2.0", false, new RamBlock("/rom@etc/acpi/tables", 0x2000));
        SchemaSet big = stream("pc-i440fx-2.0", false, new RamBlock("/rom@etc/acpi/tables", 0x9000));
        assertTrue(codes(CompatChecker.check(small, big)).contains("info RAMBLOCK_RESIZED ram > /rom@etc/acpi/tables"));
        CompatResult old = CompatChecker.check(small, big.withRelease("2.2"));
        assertTrue(codes(old).contains("error RAMBLOCK_SIZE_MISMATCH ram > /rom@etc/acpi/tables"), codes(old).toString());
        assertTrue(old.firstError().evidence().contains("rule acpi-fixed-before-2.3"));
    }
}
