package dev.vmtrace.engine.qtest;

import static dev.vmtrace.engine.qtest.QtestCommandParserTest.QEMU;
import static dev.vmtrace.engine.qtest.QtestCommandParserTest.SCRIPT;
import static dev.vmtrace.engine.qtest.QtestCommandParserTest.message;
import static dev.vmtrace.engine.qtest.QtestCommandParserTest.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.qtest.QtestSyntaxException.Problem;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Number syntax, ports, bulk lengths and caps, write data, and QEMU's order of checks. */
class QtestCommandParserArgumentsTest {

    @ParameterizedTest
    @CsvSource({"10, 10", "0x10, 16", "0X1f, 31", "010, 8", "0, 0", "00, 0", "-1, -1", "+5, 5", "-0x5, -5",
        "18446744073709551615, -1", "0xffffffffffffffff, -1", "-18446744073709551615, 1", "0x00000000000000001, 1"})
    void unsignedNumbersReadAsQemuReadsThem(String word, long expected) throws Exception {
        for (QtestCommandParser p : List.of(QEMU, SCRIPT)) {
            assertEquals(expected, p.parse("writeq 0 " + word).value(), word);
            assertEquals(expected, p.parse("readb " + word).address(), word);
        }
        assertEquals(expected, QtestCommandParser.parseNumber(word));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x", "08", "09", "1e3", "zz", "0xg", "1.5", "--1", "+-1", "18446744073709551616",
        "0x10000000000000000", "-18446744073709551616", "99999999999999999999999", "\u0661"})
    void otherWordsAreNoNumbers(String word) {
        for (QtestCommandParser p : List.of(QEMU, SCRIPT)) {
            QtestSyntaxException e = assertThrows(QtestSyntaxException.class, () -> p.parse("writeb " + word + " 1"));
            assertEquals(Problem.BAD_NUMBER, e.problem());
            assertEquals("expected a number, found '" + word + "'", e.getMessage());
        }
        QtestSyntaxException e = assertThrows(QtestSyntaxException.class, () -> QtestCommandParser.parseNumber(word));
        assertEquals(Problem.BAD_NUMBER, e.problem());
        assertNull(e.commandWord());
    }

    @Test
    void qemuSkipsLeadingWhiteSpaceInsideAWord() throws Exception {
        assertEquals(7, QEMU.parse("writeb 0 \t7").value());
        assertEquals(Problem.BAD_NUMBER, problem(QEMU, "writeb 0 7\t"));
    }

    @ParameterizedTest
    @CsvSource({"-5, -5", "0x7fffffffffffffff, 9223372036854775807", "-9223372036854775808, -9223372036854775808",
        "010, 8"})
    void clockTimesAreSigned(String word, long expected) throws Exception {
        assertEquals(expected, QEMU.parse("clock_step " + word).value());
        assertEquals(expected, SCRIPT.parse("clock_set " + word).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "0x8000000000000000", "-9223372036854775809", "x"})
    void clockTimesOutsideSigned64BitAreNoNumbers(String word) {
        assertEquals(Problem.BAD_NUMBER, problem(QEMU, "clock_step " + word));
        assertEquals(Problem.BAD_NUMBER, problem(SCRIPT, "clock_set " + word));
    }

    @Test
    void irqLineAndLevelAreSigned32Bit() throws Exception {
        QtestRequest c = QEMU.parse("set_irq_in ioapic unnamed-gpio-in 2147483647 -2147483648");
        assertEquals(Integer.MAX_VALUE, c.address());
        assertEquals(Integer.MIN_VALUE, c.value());
        assertEquals(Problem.BAD_NUMBER, problem(QEMU, "set_irq_in ioapic x 2147483648 1"));
        assertEquals(Problem.BAD_NUMBER, problem(SCRIPT, "set_irq_in ioapic x 1 -2147483649"));
    }

    @Test
    void portsEndAt0xffff() throws Exception {
        assertEquals(0xffff, QEMU.parse("inl 0xffff").address());
        assertEquals("port 0x10000 is above 0xffff", message(QEMU, "inb 0x10000"));
        assertEquals(Problem.PORT_RANGE, problem(SCRIPT, "outw -1 0"));
        assertEquals(0x10000, SCRIPT.parse("writeb 0x10000 1").address(), "memory addresses are not ports");
    }

    @Test
    void qemuLengthsAreCappedAfterQemusOwnChecks() throws Exception {
        long max = QtestCommandParser.MAX_BULK;
        assertEquals(max, QEMU.parse("read 0 " + max).length());
        assertEquals(0, QEMU.parse("b64read 0 0").length());
        assertEquals(0, QEMU.parse("memset 0 0 1").length());
        assertEquals(0, QEMU.parse("write 0 0 0x00").data().length());
        assertEquals(Problem.ZERO_LENGTH, problem(QEMU, "read 0 0"));
        for (String cmd : List.of("read 0 N", "b64read 0 N", "memset 0 N 0", "write 0 N 0x00", "b64write 0 N AAAA")) {
            String line = cmd.replace("N", Long.toString(max + 1));
            assertEquals("length 16777217 exceeds vmtrace's cap of 16777216 bytes", message(QEMU, line));
            assertEquals(Problem.LENGTH_CAP, problem(QEMU, line));
        }
        assertEquals("length 18446744073709551615 exceeds vmtrace's cap of 16777216 bytes", message(QEMU, "read 0 -1"));
    }

    @Test
    void scriptLengthsOfReadAndWriteAreWithinOneToTheCap() throws Exception {
        assertEquals(64, SCRIPT.parse("read 0 64").length());
        assertEquals("length 0 is outside 1..64", message(SCRIPT, "read 0 0"));
        assertEquals(Problem.ZERO_LENGTH, problem(SCRIPT, "write 0 0 0x"));
        assertEquals(Problem.LENGTH_CAP, problem(SCRIPT, "read 0 65"));
        assertEquals("length -1 is outside 1..64", message(SCRIPT, "read 0 -1"));
        assertEquals(Problem.LENGTH_CAP, problem(SCRIPT, "write 0 65 0x00"));
        // no bytes to materialise: the other bulk commands keep their length
        assertEquals(1L << 32, SCRIPT.parse("memset 0 0x100000000 0").length());
        assertEquals(0, SCRIPT.parse("b64read 0 0").length());
        assertThrows(IllegalArgumentException.class, () -> QtestCommandParser.script(0));
        assertThrows(IllegalArgumentException.class, () -> QtestCommandParser.script(QtestCommandParser.MAX_BULK + 1));
        assertEquals(64, SCRIPT.maxBulk());
    }

    @Test
    void qemuReadsWriteHexLeniently() throws Exception {
        assertEquals("0102", QEMU.parse("write 0 4 0x0102").data().hex(), "missing bytes are zeros");
        assertEquals("ff11", QEMU.parse("write 0 2 0xzz11").data().hex(), "a non-hex digit counts as 0xf");
        assertEquals("f5", QEMU.parse("write 0 1 0xg5").data().hex());
        assertEquals("", QEMU.parse("write 0 2 0x1").data().hex(), "an odd digit is dropped");
        assertEquals("01", QEMU.parse("write 0 1 0x010203").data().hex(), "at most length bytes");
        assertEquals("01", QEMU.parse("write 0 1 ab01").data().hex(), "the first two characters are skipped");
        assertEquals(Problem.SHORT_DATA, problem(QEMU, "write 0 1 0x"));
    }

    @Test
    void scriptsNeedExactWriteHex() throws Exception {
        assertEquals("0a0b", SCRIPT.parse("write 0 2 0x0a0B").data().hex());
        assertEquals("write data must be 0x and 4 hex digits", message(SCRIPT, "write 0 2 0x01"));
        assertEquals("write data must be 0x and 2 hex digits", message(SCRIPT, "write 0 1 0X01"));
        assertEquals("write data must be 0x and 2 hex digits", message(SCRIPT, "write 0 1 0x"));
        assertEquals("bad hex digit in write data", message(SCRIPT, "write 0 2 0xzz02"));
        assertEquals(Problem.BAD_DATA, problem(SCRIPT, "write 0 1 0x\u0661\u0661"));
    }

    @Test
    void b64writeDataIsDecodedAndFittedToTheLength() throws Exception {
        for (QtestCommandParser p : List.of(QEMU, SCRIPT)) {
            assertEquals("dead", p.parse("b64write 0 2 3q2+7w==").data().hex());
            QtestRequest c = p.parse("b64write 0 8 3q2+7w==");
            assertEquals("deadbeef", c.data().hex());
            assertEquals(8, c.length());
            assertEquals(Problem.SHORT_DATA, problem(p, "b64write 0 4 QQ"));
            assertEquals(Problem.BAD_DATA, problem(p, "b64write 0 4 A==="));
        }
    }

    @Test
    void qemusOrderDecidesWhichProblemIsReported() {
        assertEquals(Problem.MISSING_ARGUMENTS, problem(QEMU, "outb zz"), "argument count before numbers");
        assertEquals(Problem.BAD_NUMBER, problem(QEMU, "outb 0x10000 zz"), "both numbers before the port");
        assertEquals(Problem.SHORT_DATA, problem(QEMU, "write 0 0x2000000 0x"), "data size before the cap");
        assertEquals(Problem.BAD_NUMBER, problem(QEMU, "memset 0 0x2000000 zz"), "pattern before the cap");
        assertEquals(Problem.BAD_DATA, problem(QEMU, "b64write 0 0x2000000 A==="), "decoding before the cap");
        assertEquals(Problem.LENGTH_CAP, problem(SCRIPT, "write 0 65 0x"), "scripts: length before data");
    }

    @Test
    void randomLinesParseOrFailWithASyntaxException() {
        String[] words = {"inb", "outl", "readq", "writew", "read", "write", "b64read", "b64write", "memset",
            "clock_step", "clock_set", "set_irq_in", "module_load", "endianness", "irq_intercept_in", "", "0x", "-1",
            "0x10000", "16777217", "0xffffffffffffffff", "012", "08", "QUFB", "A===", "0xaabb", "\t1", "zz", "65"};
        SplittableRandom r = new SplittableRandom(11);
        for (QtestCommandParser p : List.of(QEMU, SCRIPT)) {
            for (int i = 0; i < 20_000; i++) {
                StringBuilder line = new StringBuilder();
                for (int w = r.nextInt(6); w > 0; w--) {
                    line.append(words[r.nextInt(words.length)]).append(w > 1 ? " " : "");
                }
                try {
                    QtestRequest c = p.parse(line.toString());
                    boolean readOrWrite = c.verb() == QtestVerb.BULK_READ || c.verb() == QtestVerb.BULK_WRITE;
                    if (p == QEMU) {
                        assertTrue(Long.compareUnsigned(c.length(), QtestCommandParser.MAX_BULK) <= 0, line.toString());
                    } else if (readOrWrite) {
                        assertTrue(c.length() >= 1 && c.length() <= 64, line.toString());
                    }
                } catch (QtestSyntaxException e) {
                    assertTrue(e.getMessage() != null && e.problem() != null, line.toString());
                }
            }
        }
    }
}
