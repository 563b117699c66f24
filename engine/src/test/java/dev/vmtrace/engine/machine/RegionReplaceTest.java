package dev.vmtrace.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.memory.AccessOutcome;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;
import dev.vmtrace.engine.memory.GuestAccess;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionSlot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A device replacing its region during an access (the CPU-hotplug legacy switch, devices.md 2.1):
 * the remaining impl pieces still go to the old handler, the next access reaches the new one, and
 * outcomes tell the two instances apart.
 */
class RegionReplaceTest {

    @Test
    void theRestOfASplitAccessStaysOnTheOldRegion() {
        List<String> log = new ArrayList<>();
        RegionSlot[] slot = new RegionSlot[1];
        Region modern = Region.io("acpi-cpu-hotplug", 12, AccessRules.valid(1, 4), Endianness.LITTLE, new IoHandler() {
            @Override
            public long read(long offset, int size) {
                return 0;
            }

            @Override
            public void write(long offset, long value, int size) {
                log.add("modern " + offset + "/" + size);
            }
        });
        Region legacy = Region.io("acpi-cpu-hotplug", 32, AccessRules.valid(1, 4).withImpl(1, 1), Endianness.LITTLE,
                new IoHandler() {
                    @Override
                    public long read(long offset, int size) {
                        return 0;
                    }

                    @Override
                    public void write(long offset, long value, int size) {
                        log.add("legacy " + offset + "/" + size);
                        if (offset == 0 && value == 0) {
                            slot[0].replace(modern);
                        }
                    }
                });
        MachineCatalog cat = new MachineCatalog(List.of(new MachinePart() {
            @Override
            public String id() {
                return "cpuhp-test";
            }

            @Override
            public void build(MachineBuilder b) {
                slot[0] = b.mapIo(0xcd8, legacy, 0);
            }
        }));
        Machine m = Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(), List.of(), Release.DEFAULT,
                Accel.TCG, null), cat, dev.vmtrace.engine.device.EventSink.DISCARD, 0);
        AccessOutcome first = m.access(GuestAccess.out(0xcd8, 4, 0, 0));
        AccessOutcome second = m.access(GuestAccess.out(0xcd8, 4, 0, 0));
        assertEquals(List.of("legacy 0/1", "legacy 1/1", "legacy 2/1", "legacy 3/1", "modern 0/4"), log);
        assertNotEquals(first.dispatches().get(0).instance(), second.dispatches().get(0).instance());
        assertEquals("io", m.access(GuestAccess.in(0xcf0, 1, 0)).dispatches().get(0).region(),
                "ports beyond the 12-byte modern block fall through to io");
    }
}
