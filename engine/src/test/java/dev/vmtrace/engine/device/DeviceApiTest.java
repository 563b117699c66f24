package dev.vmtrace.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Register maps decode offsets and fail fast on malformed layouts; virtual time runs timers in order. */
class DeviceApiTest {

    @Test
    void registerMapDecodesOffsets() {
        RegisterMap map = RegisterMap.builder("blk", 12)
                .register("SEL", 0, 4, 0, SideEffect.NONE, "selector")
                .register("FLAGS", 4, 1, 0, SideEffect.WRITE_1_TO_CLEAR, "flags")
                .build();
        assertEquals("SEL", map.describe(0));
        assertEquals("SEL+2", map.describe(2));
        assertEquals("+0x5", map.describe(5));
        assertNull(map.at(8));
        assertEquals(4, map.named("FLAGS").offset());
    }

    @Test
    void malformedMapsFailFast() {
        assertThrows(IllegalArgumentException.class, () -> RegisterMap.builder("x", 4)
                .register("A", 0, 4, 0, SideEffect.NONE, "").register("B", 2, 2, 0, SideEffect.NONE, "").build());
        assertThrows(IllegalArgumentException.class, () -> RegisterMap.builder("x", 4)
                .register("A", 2, 4, 0, SideEffect.NONE, "").build());
    }

    @Test
    void virtualTimeRunsDueTimersInDeadlineOrder() {
        VirtualTime t = new VirtualTime();
        List<String> fired = new ArrayList<>();
        t.schedule(50, () -> fired.add("b@" + t.nanos()));
        t.schedule(20, () -> fired.add("a@" + t.nanos()));
        Runnable cancel = t.schedule(30, () -> fired.add("never"));
        cancel.run();
        assertEquals(20, t.nextDeadlineDelta());
        t.advanceTo(40);
        assertEquals(List.of("a@20"), fired);
        assertEquals(40, t.nanos());
        t.advanceTo(10);
        assertEquals(40, t.nanos());
        t.advanceTo(100);
        assertEquals(List.of("a@20", "b@50"), fired);
        assertEquals(-1, t.nextDeadlineDelta());
    }
}
