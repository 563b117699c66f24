package dev.vmtrace.compat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.compat.model.DescriptionSchema;
import dev.vmtrace.compat.model.FieldSchema;
import dev.vmtrace.compat.model.SchemaKind;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.model.SectionSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "Missing section footer" prediction: a layout change that alters how many bytes the
 * destination reads is quoted only where QEMU's reaction does not depend on the values sent.
 */
class ByteShiftTest {
    private static final String ID = "0000:00:01.3/piix4_pm";
    private static final String FOOTER = "QEMU: Missing section footer for " + ID;

    private static FieldSchema u32(String name) {
        return new FieldSchema(name, "uint32", 4, 1, -1, null, null);
    }

    private static FieldSchema typed(String name, String type, long size, int count) {
        return new FieldSchema(name, type, size, count, -1, null, null);
    }

    private static DescriptionSchema desc(String name, List<FieldSchema> fields, DescriptionSchema... subs) {
        return new DescriptionSchema(name, 1, -1, fields, List.of(subs));
    }

    /** A stream of a machine type that sends a configuration section and footers, or of one that sends neither. */
    private static SchemaSet stream(boolean footers, DescriptionSchema d) {
        SectionSchema s = new SectionSchema(ID, 0, 1, -1, d, 100, 0);
        return new SchemaSet("s", SchemaKind.STREAM, footers ? "pc-i440fx-7.2" : null, footers, List.of(s), null, null);
    }

    private static Finding firstError(SchemaSet src, SchemaSet dst) {
        CompatResult r = CompatChecker.check(src, dst);
        assertEquals("incompatible", r.verdict());
        return r.firstError();
    }

    private static List<String> codes(CompatResult r) {
        return CompatRulesTest.codes(r);
    }

    @Test
    void aFieldOnlyTheDestinationReadsMissesTheFooter() {
        Finding f = firstError(stream(true, desc("piix4_pm", List.of(u32("a")))),
                stream(true, desc("piix4_pm", List.of(u32("a"), u32("hotplug_select")))));
        assertEquals("FIELD_EXTRA_IN_DESTINATION", f.code());
        assertTrue(f.evidence().endsWith("; " + FOOTER), f.evidence());
        assertEquals(ID, f.section());
    }

    @Test
    void aFieldOnlyTheSourceSendsMissesTheFooter() {
        Finding f = firstError(stream(true, desc("piix4_pm", List.of(u32("a"), u32("hotplug_select"), u32("b")))),
                stream(true, desc("piix4_pm", List.of(u32("a"), u32("b")))));
        assertEquals("FIELD_MISSING_IN_DESTINATION", f.code());
        assertTrue(f.evidence().endsWith(FOOTER), f.evidence());
    }

    @Test
    void sizeAndCountChangesMissTheFooterInSubsectionsToo() {
        DescriptionSchema two = desc("piix4_pm/memhp", List.of(u32("selector"), typed("devs", "buffer", 10, 2)));
        DescriptionSchema three = desc("piix4_pm/memhp", List.of(u32("selector"), typed("devs", "buffer", 10, 3)));
        Finding count = firstError(stream(true, desc("piix4_pm", List.of(u32("a")), two)),
                stream(true, desc("piix4_pm", List.of(u32("a")), three)));
        assertEquals("FIELD_COUNT_MISMATCH", count.code());
        assertTrue(count.evidence().endsWith(FOOTER), count.evidence());
        Finding size = firstError(stream(true, desc("piix4_pm", List.of(typed("a", "uint16", 2, 1)))),
                stream(true, desc("piix4_pm", List.of(u32("a")))));
        assertEquals("FIELD_TYPE_MISMATCH", size.code());
        assertTrue(size.evidence().endsWith(FOOTER), size.evidence());
    }

    @Test
    void theSameByteCountIsNotAFooterProblem() {
        CompatResult r = CompatChecker.check(stream(true, desc("piix4_pm", List.of(u32("a"), u32("b")))),
                stream(true, desc("piix4_pm", List.of(typed("a", "int32", 4, 1), u32("b")))));
        assertEquals(List.of("error FIELD_TYPE_MISMATCH " + ID + " > a"), codes(r));
        assertFalse(r.firstError().evidence().contains("QEMU: "), r.firstError().evidence());
        CompatResult reordered = CompatChecker.check(stream(true, desc("piix4_pm", List.of(u32("a"), u32("b")))),
                stream(true, desc("piix4_pm", List.of(u32("b"), u32("a")))));
        assertFalse(reordered.firstError().evidence().contains("QEMU: "));
    }

    @Test
    void aSameSizeChangeBeforeTheShiftCarriesTheQuoteAsTheFirstError() {
        CompatResult r = CompatChecker.check(stream(true, desc("piix4_pm", List.of(u32("a")))),
                stream(true, desc("piix4_pm", List.of(typed("a", "int32", 4, 1), u32("b")))));
        assertEquals(List.of("error FIELD_TYPE_MISMATCH " + ID + " > a", "error FIELD_EXTRA_IN_DESTINATION " + ID + " > b"),
                codes(r));
        assertTrue(r.firstError().evidence().endsWith(FOOTER), r.firstError().evidence());
        assertFalse(r.findings().get(1).evidence().contains("QEMU: "), "one quote per section, on its first error");
    }

    @Test
    void withoutFootersTheOutcomeDependsOnTheValuesAndIsNotQuoted() {
        SchemaSet src = stream(false, desc("piix4_pm", List.of(u32("a"))));
        SchemaSet dst = stream(false, desc("piix4_pm", List.of(u32("a"), u32("hotplug_select"))));
        CompatResult r = CompatChecker.check(src, dst);
        assertFalse(r.firstError().evidence().contains("QEMU: "), r.firstError().evidence());
        CompatResult withFooters = CompatChecker.check(stream(true, src.sections().get(0).description()),
                stream(true, dst.sections().get(0).description()));
        assertEquals(codes(withFooters), codes(r), "the quote changes evidence only: codes, severities, paths stay");
        assertEquals(withFooters.verdict(), r.verdict());
    }

    @Test
    void aFieldExistsTestCompensatesAndGivesNoQuote() {
        FieldSchema conditional = new FieldSchema("hotplug_select", "uint32", 4, 1, 0, true, null);
        SectionSchema s = new SectionSchema(ID, 0, 1, 1, desc("piix4_pm", List.of(
                new FieldSchema("a", "uint32", 4, 1, 0, false, null))), -1, 0);
        SectionSchema d = new SectionSchema(ID, 0, 1, 1, desc("piix4_pm", List.of(
                new FieldSchema("a", "uint32", 4, 1, 0, false, null), conditional)), -1, 0);
        CompatResult r = CompatChecker.check(
                new SchemaSet("v1", SchemaKind.VMTRACE, "pc-i440fx-7.2", true, List.of(s), null, null),
                new SchemaSet("v2", SchemaKind.VMTRACE, "pc-i440fx-7.2", true, List.of(d), null, null));
        assertEquals(List.of("warning FIELD_EXTRA_IN_DESTINATION " + ID + " > hotplug_select"), codes(r));
        assertFalse(r.findings().get(0).evidence().contains("QEMU: "));
    }

    @Test
    void aCheckedTypeAfterTheShiftMayFailFirstSoNoQuote() {
        CompatResult r = CompatChecker.check(stream(true, desc("piix4_pm", List.of(u32("a"), u32("b")))),
                stream(true, desc("piix4_pm", List.of(u32("a"), u32("extra"), typed("b", "uint32 equal", 4, 1)))));
        assertFalse(r.firstError().evidence().contains("QEMU: "), "uint32 equal compares the misread value");
        CompatResult opaque = CompatChecker.check(stream(true, desc("piix4_pm", List.of(u32("a")))),
                stream(true, desc("piix4_pm", List.of(u32("a"), typed("irq", "pci irq state", 16, 1)))));
        assertFalse(opaque.firstError().evidence().contains("QEMU: "), "a device type may check what it reads");
        CompatResult before = CompatChecker.check(stream(true, desc("piix4_pm", List.of(typed("c", "pci config", 256, 1), u32("a")))),
                stream(true, desc("piix4_pm", List.of(typed("c", "pci config", 256, 1)))));
        assertTrue(before.firstError().evidence().endsWith(FOOTER), "fields before the shift are read as sent");
    }

    @Test
    void aValueCheckBeforeTheShiftMayFailFirstSoNoQuote() {
        // PCIBUS: nirq (int32 equal) holds the length of irq_count, so q35's 8 against i440fx's 4
        // fails the check before irq_count is read.
        CompatResult pcibus = CompatChecker.check(
                stream(true, desc("PCIBUS", List.of(typed("nirq", "int32 equal", 4, 1), typed("irq_count", "int32", 4, 8)))),
                stream(true, desc("PCIBUS", List.of(typed("nirq", "int32 equal", 4, 1), typed("irq_count", "int32", 4, 4)))));
        assertEquals("FIELD_COUNT_MISMATCH", pcibus.firstError().code());
        assertFalse(pcibus.firstError().evidence().contains("QEMU: "), pcibus.firstError().evidence());
        CompatResult inSubsection = CompatChecker.check(
                stream(true, desc("piix4_pm", List.of(typed("n", "uint32 equal", 4, 1)), desc("piix4_pm/memhp", List.of(u32("s"), u32("t"))))),
                stream(true, desc("piix4_pm", List.of(typed("n", "uint32 equal", 4, 1)), desc("piix4_pm/memhp", List.of(u32("s"))))));
        assertFalse(inSubsection.firstError().evidence().contains("QEMU: "), "the main description's check comes first");
    }

    @Test
    void anEarlierStopKeepsItsOwnMessage() {
        SectionSchema s = new SectionSchema(ID, 0, 2, -1, desc("piix4_pm", List.of(u32("a"), u32("b"))), 100, 0);
        SectionSchema d = new SectionSchema(ID, 0, 1, -1, desc("piix4_pm", List.of(u32("a"))), 100, 0);
        CompatResult r = CompatChecker.check(
                new SchemaSet("s", SchemaKind.STREAM, "pc-i440fx-7.2", true, List.of(s), null, null),
                new SchemaSet("d", SchemaKind.STREAM, "pc-i440fx-7.2", true, List.of(d), null, null));
        assertEquals("SECTION_VERSION_TOO_NEW", r.firstError().code());
        assertFalse(r.firstError().evidence().contains("footer"), r.firstError().evidence());
        DescriptionSchema sub = desc("piix4_pm/x", List.of(u32("v")));
        CompatResult unknownSub = CompatChecker.check(stream(true, desc("piix4_pm", List.of(u32("a")), sub,
                desc("piix4_pm/memhp", List.of(u32("s"), u32("t"))))),
                stream(true, desc("piix4_pm", List.of(u32("a")), desc("piix4_pm/memhp", List.of(u32("s"))))));
        assertFalse(unknownSub.findings().stream().anyMatch(f -> f.evidence().contains("footer")),
                "the source's first subsection may be unknown to the destination: QEMU may stop there");
    }

    @Test
    void aDumpDestinationDoesNotSayWhetherItChecksFooters() {
        SectionSchema s = new SectionSchema(ID, 0, 1, -1, desc("piix4_pm", List.of(u32("a"))), 100, 0);
        SectionSchema d = new SectionSchema(ID, 0, 1, 1, desc("piix4_pm", List.of(u32("a"), u32("b"))), -1, 0);
        CompatResult r = CompatChecker.check(
                new SchemaSet("s", SchemaKind.STREAM, "pc-i440fx-7.2", true, List.of(s), null, null),
                new SchemaSet("d", SchemaKind.DUMP, "pc-i440fx-7.2", null, List.of(d), null, null));
        assertFalse(r.findings().stream().anyMatch(f -> f.evidence().contains("footer")));
    }
}
