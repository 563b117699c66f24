package dev.vmtrace.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vmtrace.engine.machine.AccessPolicy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** QEMU's validity check order and memory_access_size, rule by rule (devices.md 1.2, 1.4, 1.6). */
class AccessRulesTest {

    @Test
    void strictOrderIsAcceptsAlignmentZeroMaxThenRange() {
        AccessRules r = AccessRules.valid(2, 2).withAccepts((o, s, w) -> o != 8);
        assertEquals("rejected", r.invalidReason(8, 1, false, AccessPolicy.STRICT), "accepts wins over size");
        assertEquals("unaligned", r.invalidReason(1, 2, false, AccessPolicy.STRICT), "alignment before size");
        assertEquals("invalid size (min:2 max:2)", r.invalidReason(0, 1, false, AccessPolicy.STRICT));
        assertNull(r.invalidReason(2, 2, true, AccessPolicy.STRICT));
    }

    @Test
    void zeroMaxMeansEverythingValidAndMinIsNotChecked() {
        AccessRules r = new AccessRules(4, 0, false, null, 0, 0, false);
        assertNull(r.invalidReason(0, 1, false, AccessPolicy.STRICT));
        assertEquals("unaligned", r.invalidReason(1, 2, false, AccessPolicy.STRICT));
    }

    @Test
    void zeroMinWithMaxAcceptsAnySizeUpToMax() {
        AccessRules r = AccessRules.valid(0, 2);
        assertNull(r.invalidReason(0, 1, false, AccessPolicy.STRICT));
        assertEquals("invalid size (min:0 max:2)", r.invalidReason(0, 4, false, AccessPolicy.STRICT));
    }

    @Test
    void lenientIgnoresSizesWithoutAcceptsAndSplitsAcceptsCalls() {
        assertNull(AccessRules.valid(4, 4).invalidReason(0, 1, false, AccessPolicy.LENIENT));
        assertEquals("unaligned", AccessRules.valid(4, 4).invalidReason(2, 4, false, AccessPolicy.LENIENT));
        AtomicInteger calls = new AtomicInteger();
        AccessRules r = AccessRules.valid(1, 1).withAccepts((o, s, w) -> {
            calls.incrementAndGet();
            return s == 1;
        });
        assertNull(r.invalidReason(0, 4, false, AccessPolicy.LENIENT));
        assertEquals(4, calls.get(), "accepts once per valid-max piece");
        calls.set(0);
        assertEquals("rejected", r.invalidReason(0, 4, false, AccessPolicy.STRICT));
        assertEquals(1, calls.get(), "strict calls accepts once for the whole access");
    }

    @Test
    void pieceSizeIsValidMaxOrFourCappedByAlignmentAndPowerOfTwo() {
        assertEquals(4, AccessRules.DEFAULT.pieceSize(4, 0));
        assertEquals(1, AccessRules.DEFAULT.pieceSize(4, 1));
        assertEquals(2, AccessRules.DEFAULT.pieceSize(4, 2));
        assertEquals(2, AccessRules.DEFAULT.pieceSize(3, 0), "rounded down to a power of two");
        assertEquals(2, AccessRules.valid(1, 2).pieceSize(4, 0));
        assertEquals(8, new AccessRules(0, 8, false, null, 0, 8, false).pieceSize(8, 0));
        assertEquals(4, AccessRules.PORTIO.pieceSize(4, 3), "impl.unaligned: no alignment cut");
    }

    @Test
    void implDefaultsAreOneAndFour() {
        assertEquals(1, AccessRules.DEFAULT.effectiveImplMin());
        assertEquals(4, AccessRules.DEFAULT.effectiveImplMax());
        assertEquals(2, AccessRules.impl(2, 0).effectiveImplMin());
    }

    @Test
    void malformedRulesFailFast() {
        assertThrows(IllegalArgumentException.class, () -> AccessRules.valid(3, 4));
        assertThrows(IllegalArgumentException.class, () -> AccessRules.valid(4, 2));
        assertThrows(IllegalArgumentException.class, () -> AccessRules.impl(8, 4));
    }
}
