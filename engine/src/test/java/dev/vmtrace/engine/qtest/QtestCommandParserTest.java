package dev.vmtrace.engine.qtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.qtest.QtestSyntaxException.Problem;
import dev.vmtrace.engine.state.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every qtest command, in both dialects; tokenizing and argument counts. */
class QtestCommandParserTest {
    static final QtestCommandParser QEMU = QtestCommandParser.qemu();
    static final QtestCommandParser SCRIPT = QtestCommandParser.script(64);

    private static Arguments cmd(String line, QtestVerb verb, int size, long address, long value, long length,
            String dataHex) {
        List<String> words = List.of(line.split(" "));
        return Arguments.of(line, new QtestRequest(verb, size, address, value, length,
                dataHex.isEmpty() ? Bytes.EMPTY : Bytes.fromHex(dataHex), words.subList(1, words.size())));
    }

    /** One well-formed line per command word, with what it parses to. */
    static Stream<Arguments> everyCommand() {
        return Stream.of(
                cmd("outb 0x70 0x8f", QtestVerb.OUT, 1, 0x70, 0x8f, 0, ""),
                cmd("outw 0xb2 0x1234", QtestVerb.OUT, 2, 0xb2, 0x1234, 0, ""),
                cmd("outl 0xcf8 0x80000000", QtestVerb.OUT, 4, 0xcf8, 0x80000000L, 0, ""),
                cmd("inb 0x71", QtestVerb.IN, 1, 0x71, 0, 0, ""),
                cmd("inw 0xb2", QtestVerb.IN, 2, 0xb2, 0, 0, ""),
                cmd("inl 0xcfc", QtestVerb.IN, 4, 0xcfc, 0, 0, ""),
                cmd("writeb 0x1000 0x5a", QtestVerb.WRITE, 1, 0x1000, 0x5a, 0, ""),
                cmd("writew 0x1002 48879", QtestVerb.WRITE, 2, 0x1002, 0xbeef, 0, ""),
                cmd("writel 0xfed00010 0x3", QtestVerb.WRITE, 4, 0xfed00010L, 3, 0, ""),
                cmd("writeq 0x2000 0xdeadbeefcafebabe", QtestVerb.WRITE, 8, 0x2000, 0xdeadbeefcafebabeL, 0, ""),
                cmd("readb 0x1000", QtestVerb.READ, 1, 0x1000, 0, 0, ""),
                cmd("readw 0x1002", QtestVerb.READ, 2, 0x1002, 0, 0, ""),
                cmd("readl 0xfed000f0", QtestVerb.READ, 4, 0xfed000f0L, 0, 0, ""),
                cmd("readq 0xfffffffffffffff8", QtestVerb.READ, 8, -8, 0, 0, ""),
                cmd("read 0x1000 16", QtestVerb.BULK_READ, 0, 0x1000, 0, 16, ""),
                cmd("write 0x1000 3 0x010203", QtestVerb.BULK_WRITE, 0, 0x1000, 0, 3, "010203"),
                cmd("b64read 0x1000 4", QtestVerb.B64_READ, 0, 0x1000, 0, 4, ""),
                cmd("b64write 0x1000 4 3q2+7w==", QtestVerb.B64_WRITE, 0, 0x1000, 0, 4, "deadbeef"),
                cmd("memset 0x3000 16 0xff", QtestVerb.MEMSET, 0, 0x3000, 0xff, 16, ""),
                cmd("clock_step", QtestVerb.CLOCK_STEP, 0, 0, 0, 0, ""),
                cmd("clock_step 100", QtestVerb.CLOCK_STEP, 0, 0, 100, 0, ""),
                cmd("clock_set 5000", QtestVerb.CLOCK_SET, 0, 0, 5000, 0, ""),
                cmd("irq_intercept_in ioapic", QtestVerb.IRQ_INTERCEPT_IN, 0, 0, 0, 0, ""),
                cmd("irq_intercept_out /machine/i440fx", QtestVerb.IRQ_INTERCEPT_OUT, 0, 0, 0, 0, ""),
                cmd("set_irq_in ioapic unnamed-gpio-in 3 1", QtestVerb.SET_IRQ_IN, 0, 3, 1, 0, ""),
                cmd("endianness", QtestVerb.ENDIANNESS, 0, 0, 0, 0, ""),
                cmd("module_load hw- usb-host", QtestVerb.MODULE_LOAD, 0, 0, 0, 0, ""));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandParsesAlikeInBothDialects(String line, QtestRequest expected) throws Exception {
        assertEquals(expected, QEMU.parse(line));
        assertEquals(expected, SCRIPT.parse(line));
        assertEquals(line.split(" ")[0], expected.word());
    }

    @Test
    void theTableCoversEveryCommandWord() {
        Set<String> covered = new HashSet<>();
        everyCommand().forEach(a -> covered.add(((QtestRequest) a.get()[1]).word()));
        for (QtestVerb v : QtestVerb.values()) {
            for (int size : v.sized() ? v.sizes() : new int[] {0}) {
                assertTrue(covered.contains(v.word(size)), v.word(size));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void missingArgumentsAreRefusedInBothDialects(String line, QtestRequest full) {
        QtestVerb verb = full.verb();
        if (verb.minArguments() == 0) {
            return;
        }
        String[] w = line.split(" ");
        String shortLine = String.join(" ", List.of(w).subList(0, verb.minArguments()));
        for (QtestCommandParser p : List.of(QEMU, SCRIPT)) {
            QtestSyntaxException e = assertThrows(QtestSyntaxException.class, () -> p.parse(shortLine));
            assertEquals(Problem.MISSING_ARGUMENTS, e.problem());
            assertEquals(verb, e.verb());
            assertEquals(w[0], e.commandWord());
        }
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void extraWordsAreIgnoredByQemuAndRefusedInScripts(String line, QtestRequest expected) throws Exception {
        String longer = line + (expected.arguments().size() < expected.verb().maxArguments() ? " 7 extra" : " extra");
        QtestRequest c = QEMU.parse(longer);
        assertEquals(expected.verb(), c.verb());
        assertEquals(expected.address(), c.address());
        assertEquals(expected.length(), c.length());
        assertEquals("extra", c.arguments().get(c.arguments().size() - 1));
        QtestSyntaxException e = assertThrows(QtestSyntaxException.class, () -> SCRIPT.parse(longer));
        assertEquals(Problem.EXTRA_ARGUMENTS, e.problem());
    }

    @Test
    void argumentCountMessagesNameTheCommand() {
        assertEquals("'outb' takes 2 arguments", message(SCRIPT, "outb 0x70"));
        assertEquals("'inb' takes 1 argument", message(SCRIPT, "inb"));
        assertEquals("'endianness' takes 0 arguments", message(SCRIPT, "endianness little"));
        assertEquals("clock_step takes at most one argument", message(SCRIPT, "clock_step 1 2"));
        assertEquals("unknown qtest command 'frob'", message(SCRIPT, "frob 1"));
    }

    @Test
    void qemuSplitsAtEverySingleSpace() throws Exception {
        assertEquals(Problem.BAD_NUMBER, problem(QEMU, "inb  0xb2"), "two spaces make an empty word");
        assertEquals(Problem.BAD_NUMBER, problem(QEMU, "inb 0xb2\r"));
        QtestSyntaxException tab = assertThrows(QtestSyntaxException.class, () -> QEMU.parse("inb\t0xb2"));
        assertEquals(Problem.UNKNOWN_COMMAND, tab.problem());
        assertEquals("inb\t0xb2", tab.commandWord());
        assertNull(tab.verb());
        QtestSyntaxException lead = assertThrows(QtestSyntaxException.class, () -> QEMU.parse(" inb 0xb2"));
        assertEquals(Problem.UNKNOWN_COMMAND, lead.problem());
        assertEquals("", lead.commandWord());
        assertEquals(Problem.EMPTY, problem(QEMU, ""));
        assertEquals(Problem.UNKNOWN_COMMAND, problem(QEMU, " "));
        assertEquals(Problem.UNKNOWN_COMMAND, problem(QEMU, "INB 0xb2"), "command words are case-sensitive");
    }

    @Test
    void scriptsSplitAtRunsOfWhiteSpace() throws Exception {
        QtestRequest c = SCRIPT.parse("  inb \t 0xb2\r");
        assertEquals(QtestVerb.IN, c.verb());
        assertEquals(0xb2, c.address());
        assertEquals(List.of("0xb2"), c.arguments());
        assertEquals(Problem.EMPTY, problem(SCRIPT, ""));
        assertEquals(Problem.EMPTY, problem(SCRIPT, " \t "));
    }

    @Test
    void verbsKnowTheirSpellings() {
        assertEquals("outw", QtestVerb.OUT.word(2));
        assertEquals("readq", QtestVerb.READ.word(8));
        assertEquals("read", QtestVerb.BULK_READ.word(0));
        assertThrows(IllegalArgumentException.class, () -> QtestVerb.OUT.word(8));
        assertThrows(IllegalArgumentException.class, () -> QtestVerb.MEMSET.word(1));
        assertThrows(IllegalArgumentException.class, () -> new QtestRequest(QtestVerb.IN, 8, 0, 0, 0, Bytes.EMPTY,
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> new QtestRequest(QtestVerb.BULK_WRITE, 0, 0, 0, 1,
                Bytes.fromHex("0102"), List.of()));
        List<String> args = new ArrayList<>(List.of("0x70"));
        QtestRequest c = new QtestRequest(QtestVerb.IN, 1, 0x70, 0, 0, Bytes.EMPTY, args);
        args.clear();
        assertEquals(List.of("0x70"), c.arguments(), "arguments are copied");
    }

    static Problem problem(QtestCommandParser p, String line) {
        return assertThrows(QtestSyntaxException.class, () -> p.parse(line), line).problem();
    }

    static String message(QtestCommandParser p, String line) {
        return assertThrows(QtestSyntaxException.class, () -> p.parse(line), line).getMessage();
    }
}
