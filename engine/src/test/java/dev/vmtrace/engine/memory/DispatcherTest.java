package dev.vmtrace.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.machine.AccessPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** access_with_adjusted_size: splitting, widening, endianness, values (devices.md 1.3). */
class DispatcherTest {
    private final List<String> calls = new ArrayList<>();

    private final IoHandler recorder = new IoHandler() {
        @Override
        public long read(long offset, int size) {
            calls.add("r" + offset + "/" + size);
            return 0x11L * (offset + 1) | 0xa00;
        }

        @Override
        public void write(long offset, long value, int size) {
            calls.add(String.format("w%d/%d=0x%x", offset, size, value));
        }
    };

    private AddressSpace space(AccessRules rules, Endianness e) {
        Region root = Region.unassignedIo("io", 0x10000);
        root.add(0x100, Region.io("dev", 8, rules, e, recorder), 0);
        return new AddressSpace("I/O", Space.IO, root, 0x10000);
    }

    @Test
    void wideReadIsSplitAndCombinedLittleEndian() {
        Dispatcher d = new Dispatcher();
        long v = d.read(space(AccessRules.impl(1, 1), Endianness.LITTLE), 0x100, 4, DispatchPath.DIRECT,
                AccessPolicy.STRICT, AccessSink.DISCARD);
        assertEquals(List.of("r0/1", "r1/1", "r2/1", "r3/1"), calls);
        assertEquals(0x44332211L, v, "each piece masked to its size and shifted by its position");
    }

    @Test
    void bigEndianPutsTheLowestAddressInTheHighBits() {
        Dispatcher d = new Dispatcher();
        d.write(space(AccessRules.impl(1, 1), Endianness.BIG), 0x100, 0x11223344L, 4, DispatchPath.DIRECT,
                AccessPolicy.STRICT, AccessSink.DISCARD);
        assertEquals(List.of("w0/1=0x44", "w1/1=0x33", "w2/1=0x22", "w3/1=0x11"), calls,
                "the write is swapped first, then the lowest address gets the most significant byte");
    }

    @Test
    void narrowWriteIsWidenedAtTheOriginalOffsetZeroExtended() {
        Dispatcher d = new Dispatcher();
        OutcomeRecorder rec = new OutcomeRecorder();
        d.write(space(AccessRules.valid(1, 2).withImpl(2, 0), Endianness.LITTLE), 0x105, 0x04, 1,
                DispatchPath.DIRECT, AccessPolicy.STRICT, rec);
        assertEquals(List.of("w5/2=0x4"), calls);
        assertEquals(DispatchKind.WIDENED, rec.dispatches().get(0).kind());
    }

    @Test
    void narrowReadKeepsTheLowBytesOfTheWidenedResult() {
        Dispatcher d = new Dispatcher();
        long v = d.read(space(AccessRules.impl(4, 4), Endianness.LITTLE), 0x101, 1, DispatchPath.BUFFER,
                AccessPolicy.STRICT, AccessSink.DISCARD);
        assertEquals(List.of("r1/4"), calls);
        assertEquals(0x22, v);
    }

    @Test
    void invalidReadGivesZeroWithoutCallingTheDevice() {
        Dispatcher d = new Dispatcher();
        OutcomeRecorder rec = new OutcomeRecorder();
        long v = d.read(space(AccessRules.valid(4, 4), Endianness.LITTLE), 0x100, 2, DispatchPath.DIRECT,
                AccessPolicy.STRICT, rec);
        assertEquals(0, v);
        assertEquals(List.of(), calls);
        assertEquals("invalid size (min:4 max:4)", rec.dispatches().get(0).reason());
    }

    @Test
    void unassignedPortsReadAllOnesAndTraceTheUnmaskedValue() {
        Dispatcher d = new Dispatcher();
        OutcomeRecorder rec = new OutcomeRecorder();
        long v = d.read(space(AccessRules.DEFAULT, Endianness.LITTLE), 0x3ff, 1, DispatchPath.BUFFER,
                AccessPolicy.STRICT, rec);
        assertEquals(0xff, v);
        assertEquals(new Dispatch("io", rec.dispatches().get(0).instance(), 0x3ff, 0x3ff, 1, -1L,
                DispatchKind.UNASSIGNED, null), rec.dispatches().get(0));
    }

    @Test
    void wholeAccessDeliveredInOneCallbackIsDelivered() {
        Dispatcher d = new Dispatcher();
        OutcomeRecorder rec = new OutcomeRecorder();
        d.write(space(AccessRules.DEFAULT, Endianness.LITTLE), 0x104, 0xdeadbeefL, 4, DispatchPath.BUFFER,
                AccessPolicy.STRICT, rec);
        assertEquals(DispatchKind.DELIVERED, rec.dispatches().get(0).kind());
        assertEquals(List.of("w4/4=0xdeadbeef"), calls);
    }
}
