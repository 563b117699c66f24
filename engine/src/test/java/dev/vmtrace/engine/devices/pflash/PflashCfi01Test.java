package dev.vmtrace.engine.devices.pflash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The command state machine on its own (no machine, no QEMU): mode switches, state round trip, reset. */
class PflashCfi01Test {
    private static PflashCfi01 flash(boolean readOnly) {
        byte[] image = new byte[2 * PflashCfi01.SECTOR];
        Arrays.fill(image, (byte) 0x5a);
        return new PflashCfi01("system.flash1", 1, image, readOnly, false);
    }

    @Test
    void commandsSwitchBetweenRomAndIoMode() {
        PflashCfi01 f = flash(false);
        assertTrue(f.region().romd());
        f.write(0, 0x70, 1);
        assertFalse(f.region().romd());
        assertEquals(0x80, f.read(0, 1));
        assertEquals(0x800080, f.read(0, 4));
        f.write(0, 0xff, 1);
        assertTrue(f.region().romd());
        assertEquals(0x5a5a, f.read(0, 2));
    }

    @Test
    void cfiAnswersDescribeTheGeometry() {
        PflashCfi01 f = flash(false);
        f.write(0x55, 0x98, 1);
        assertEquals('Q', f.read(0x10, 1));
        assertEquals('Q', f.read(0x110, 4));
        assertEquals(13, f.read(0x27, 1)); // 8 KiB
        assertEquals(1, f.read(0x2d, 1)); // two blocks
        assertEquals(0x10, f.read(0x2f, 1)); // 4 KiB blocks
        assertEquals(0, f.read(0x52, 1));
    }

    @Test
    void programEraseAndReadOnly() {
        PflashCfi01 f = flash(false);
        f.write(0x10, 0x40, 1);
        f.write(0x10, 0x1234, 2);
        assertEquals(0x34, f.arrayByte(0x10));
        assertEquals(0x12, f.arrayByte(0x11));
        f.write(0x1234, 0x20, 1);
        assertEquals(0xff, f.arrayByte(0x1000));
        assertEquals(0x5a, f.arrayByte(0x0fff));
        PflashCfi01 ro = flash(true);
        ro.write(0, 0x40, 1);
        ro.write(0, 0, 1);
        ro.write(0, 0x20, 1);
        assertEquals(0xb0, ro.read(0, 1));
        assertEquals(0x5a, ro.arrayByte(0));
    }

    @Test
    void stateRoundTripsAndResetRestoresReadArray() {
        PflashCfi01 f = flash(false);
        f.write(0x100, 0xe8, 1);
        f.write(0x100, 0x01, 1);
        f.write(0x100, 0x77, 1);
        PflashState s = f.snapshot();
        assertEquals(0xe8, s.cmd());
        assertEquals(2, s.wcycle());
        assertEquals(0x100, s.blkOffset());
        PflashCfi01 g = flash(false);
        g.restore(s);
        assertEquals(s, g.snapshot());
        g.write(0x101, 0x66, 1);
        g.write(0x100, 0xd0, 1);
        assertEquals(0x77, g.arrayByte(0x100));
        assertEquals(0x66, g.arrayByte(0x101));
        f.reset();
        assertTrue(f.region().romd());
        assertEquals(0x80, f.snapshot().status());
        assertEquals(-1, f.snapshot().blkOffset());
        assertThrows(IllegalArgumentException.class, () -> new PflashCfi01("x", 0, new byte[100], false, false));
    }
}
