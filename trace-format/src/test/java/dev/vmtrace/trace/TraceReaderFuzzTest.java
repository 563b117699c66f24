package dev.vmtrace.trace;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.testing.FuzzChecks;
import dev.vmtrace.trace.internal.ChunkDecoder;
import dev.vmtrace.trace.internal.RegionTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trace reader under hostile bytes. {@link #singleFile} opens the input as a single-file trace
 * and reads it twice: strictly (the first damage throws, located) and salvaging (every damaged
 * frame is skipped and listed, never thrown). {@link #chunk} feeds the input to the chunk decoder
 * as one CRC-valid chunk payload, which is what a frame that passes its CRC but was written by a
 * buggy or hostile tool looks like. Seeds: small real traces written by the importer (the first
 * kilobytes of the OVMF boot log) and their chunk payloads.
 */
class TraceReaderFuzzTest {
    private static final int MAX_EVENTS = 1 << 16;

    @FuzzTest(maxDuration = "60s")
    void singleFile(byte[] data) throws IOException {
        Path file = FuzzTraces.scratch("input.vmtrace");
        Files.write(file, data);
        try (TraceReader r = TraceReader.open(file)) {
            for (int i = 0; i < MAX_EVENTS && r.hasNext(); i++) {
                r.next();
            }
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
        }
        try (TraceReader r = TraceReader.open(file).skipDamage(true)) {
            for (int i = 0; i < MAX_EVENTS && r.hasNext(); i++) {
                r.next();
            }
            for (Damage d : r.status().damage()) {
                if (d.location() < 0 || d.location() > data.length) {
                    throw new AssertionError("damage outside the file: " + d);
                }
            }
        } catch (BadInputException e) {
            // Only opening may fail in salvage mode: a bad magic or header frame.
            FuzzChecks.hasOffset(e, data.length);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void chunk(byte[] data) {
        RegionTable regions = new RegionTable();
        regions.put(new RegionDefined(0, 0, 1, "acpi-tmr", Space.IO, 0x608, 4, null, 0));
        regions.put(new RegionDefined(1, 0, 2, "fwcfg", Space.IO, 0x510, 2, null, 0));
        regions.put(new RegionDefined(2, 0, 3, "mmio", Space.MEMORY, 0xfed00000L, 0x400, null, 0));
        ChunkDecoder d = new ChunkDecoder();
        try {
            d.reset(data, data.length, "chunk", 0, regions);
            for (int i = 0; i < MAX_EVENTS && d.hasNext(); i++) {
                d.next();
            }
        } catch (BadInputException e) {
            FuzzChecks.located(e);
        }
    }
}
