package dev.vmtrace.engine.devices.fwcfg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Guest misbehaviour is never an exception: random port and DMA traffic, and a 4 GiB zero fill. */
class FwCfgGuestMisbehaviourTest {
    @Test
    void randomTrafficNeverThrows() {
        Machine m = Machine.build(MachineConfig.of("pc-q35-7.2"));
        Random rnd = new Random(7);
        byte[] desc = new byte[16];
        for (int i = 0; i < 3000; i++) {
            switch (rnd.nextInt(4)) {
                case 0:
                    m.out(0x510 + rnd.nextInt(2), rnd.nextInt(0x10000), 1 + rnd.nextInt(2), -1, FwCfgDeviceTest.NONE);
                    break;
                case 1:
                    m.in(0x510 + rnd.nextInt(12), 1 << rnd.nextInt(3), -1, FwCfgDeviceTest.NONE);
                    break;
                default:
                    rnd.nextBytes(desc);
                    desc[4] = 0;   // keep lengths below 16 MiB so the test stays quick
                    FwCfgDeviceTest.writeMem(m, 0x1000, desc);
                    m.out(0x514, 0, 4, -1, FwCfgDeviceTest.NONE);
                    m.out(0x518, Integer.reverseBytes(0x1000) & 0xffffffffL, 4, -1, FwCfgDeviceTest.NONE);
            }
        }
        // still answers the signature
        m.out(0x510, 0, 2, -1, FwCfgDeviceTest.NONE);
        assertEquals('Q', FwCfgDeviceTest.inb(m, 0x511));
    }

    @Test
    void hugeZeroFillStopsAtTheEndOfRam() {
        Machine m = Machine.build(MachineConfig.of("pc-i440fx-7.2"));
        FwCfgDeviceTest.writeMem(m, 0x7f00000, new byte[] {1, 2, 3});
        // read 0xffffffff bytes of an invalid key into RAM at 1 MiB: zeros until RAM (128 MiB) ends, then error
        FwCfgDeviceTest.writeMem(m, 0x1000, FwCfgDeviceTest.be(((long) 0x3fff << 16) | FwCfgKeys.DMA_SELECT
                | FwCfgKeys.DMA_READ, 4));
        FwCfgDeviceTest.writeMem(m, 0x1004, FwCfgDeviceTest.be(0xffffffffL, 4));
        FwCfgDeviceTest.writeMem(m, 0x1008, FwCfgDeviceTest.be(0x100000, 8));
        m.out(0x514, 0, 4, -1, FwCfgDeviceTest.NONE);
        m.out(0x518, Integer.reverseBytes(0x1000) & 0xffffffffL, 4, -1, FwCfgDeviceTest.NONE);
        assertArrayEquals(new byte[] {0, 0, 0, 1}, FwCfgDeviceTest.readMem(m, 0x1000, 4));
        assertArrayEquals(new byte[3], FwCfgDeviceTest.readMem(m, 0x7f00000, 3));
    }
}
