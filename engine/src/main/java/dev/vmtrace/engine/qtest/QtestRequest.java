package dev.vmtrace.engine.qtest;

import dev.vmtrace.engine.state.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * One parsed qtest command: its verb and typed arguments, as {@link QtestCommandParser} read
 * them. Numbers are 64-bit two's complement (addresses, values and lengths are unsigned as QEMU
 * reads them; clock times signed). Which fields a verb uses:
 *
 * <table>
 * <caption>fields by verb</caption>
 * <tr><th>verb</th><th>size</th><th>address</th><th>value</th><th>length</th><th>data</th></tr>
 * <tr><td>OUT, IN</td><td>1, 2, 4</td><td>port (at most 0xffff)</td><td>OUT: the value</td>
 * <td></td><td></td></tr>
 * <tr><td>WRITE, READ</td><td>1, 2, 4, 8</td><td>address</td><td>WRITE: the value</td><td></td>
 * <td></td></tr>
 * <tr><td>BULK_READ, B64_READ</td><td></td><td>address</td><td></td><td>bytes</td><td></td></tr>
 * <tr><td>BULK_WRITE, B64_WRITE</td><td></td><td>address</td><td></td><td>bytes</td>
 * <td>the bytes given, at most {@code length}; the command writes {@code length} bytes, zeros
 * after {@code data}</td></tr>
 * <tr><td>MEMSET</td><td></td><td>address</td><td>the pattern (its low byte is written)</td>
 * <td>bytes</td><td></td></tr>
 * <tr><td>CLOCK_STEP, CLOCK_SET</td><td></td><td></td><td>nanoseconds (CLOCK_STEP without
 * argument: 0)</td><td></td><td></td></tr>
 * <tr><td>SET_IRQ_IN</td><td></td><td>the line number N</td><td>the level</td><td></td><td></td></tr>
 * </table>
 *
 * <p>Unused fields are 0 (or empty). {@link #arguments()} keeps every word after the command word
 * as written, e.g. the QOM path of {@code irq_intercept_in} or whether {@code clock_step} had an
 * argument.
 *
 * @param verb what the command does
 * @param size access size in bytes for a sized verb, else 0
 * @param address port, address or IRQ line number
 * @param value value written, pattern, nanoseconds or IRQ level
 * @param length byte count of a bulk command (unsigned)
 * @param data bytes of a bulk write, at most {@code length}
 * @param arguments the words after the command word
 */
public record QtestRequest(QtestVerb verb, int size, long address, long value, long length, Bytes data,
        List<String> arguments) {

    /** Validates the shape (programming errors fail fast) and copies the arguments. */
    public QtestRequest {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(data, "data");
        arguments = List.copyOf(arguments);
        if (!verb.allowsSize(size)) {
            throw new IllegalArgumentException(verb + " has no size " + size);
        }
        if (Long.compareUnsigned(data.length(), length) > 0) {
            throw new IllegalArgumentException(data.length() + " data bytes for length " + Long.toUnsignedString(length));
        }
    }

    /** The command word as QEMU spells it ({@code outw}, {@code read}, {@code clock_step}...). */
    public String word() {
        return verb.word(size);
    }
}
