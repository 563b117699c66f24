package dev.vmtrace.engine.devices.apm;

import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachinePart;
import dev.vmtrace.engine.memory.RegionSlot;

/**
 * Puts the APM model in place of the {@code apm-io} placeholder on every PC machine. Chipset parts
 * (order &gt; 10) find it with {@code builder.device(ApmDevice.class)} and set their callback.
 */
public final class ApmPart implements MachinePart {
    @Override
    public String id() {
        return "apm";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void build(MachineBuilder b) {
        if (b.type().family() == MachineFamily.VIRT) {
            return;
        }
        ApmDevice apm = b.addDevice(new ApmDevice());
        RegionSlot slot = b.ioSlot("apm-io");
        if (slot == null) {
            b.mapIo(ApmRegisters.BASE, apm.region(), 0);
        } else {
            slot.replace(apm.region());
        }
    }
}
