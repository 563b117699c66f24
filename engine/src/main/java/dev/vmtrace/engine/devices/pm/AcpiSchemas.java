package dev.vmtrace.engine.devices.pm;

import dev.vmtrace.engine.devices.apm.ApmState;
import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.devices.pcihp.PciHotplugState;
import dev.vmtrace.engine.devices.pcihp.PciHotplugVariant;
import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Descriptions both PM devices embed (devices.md 3.4, 4.3; names, versions and wire types as
 * QEMU 7.2's {@code -dump-vmstate} and vmdesc show them): APM, memory hotplug, the PCI hotplug
 * status structs (with the post-race-fix variant's computed {@code up}).
 */
public final class AcpiSchemas {
    private AcpiSchemas() {
    }

    /** "APM State" v1. */
    public static final VmStateDescription APM = VmStateDescription.builder("APM State").version(1).minimumVersion(1)
            .uint8("apmc").uint8("apms").build();

    /** "memory hotplug device state" v1 (no DIMM slots are modeled: the array is empty). */
    public static final VmStateDescription MEMHP_DEVICE = VmStateDescription.builder("memory hotplug device state")
            .version(1).minimumVersion(1)
            .bool("is_enabled").bool("is_inserting").uint32("ost_event").uint32("ost_status").build();

    /** "memory hotplug state" v1: the device array's length is the DIMM slot count (unsent). */
    public static final VmStateDescription MEMHP = VmStateDescription.builder("memory hotplug state")
            .version(1).minimumVersion(1)
            .uint32("selector")
            .structArray("devs", MEMHP_DEVICE, ArrayLength.from("dev_count"))
            .build();

    /** The {@code PM/memhp} subsection v1. */
    public static VmStateDescription memhp(String pm) {
        return VmStateDescription.builder(pm + "/memhp").version(1).minimumVersion(1)
                .struct("acpi_memory_hotplug", MEMHP).since(1).build();
    }

    /** Values of the memory hotplug subsection (no slots, selector 0). */
    public static StateNode memhpNode(VmStateDescription sub) {
        StateNode inner = StateNode.builder(MEMHP).set("selector", 0).setArray("devs", List.of())
                .property("dev_count", 0).build();
        return StateNode.builder(sub).set("acpi_memory_hotplug", inner).build();
    }

    /** The APM struct's values. */
    public static StateNode apmNode(ApmState s) {
        return StateNode.builder(APM).set("apmc", s.apmc()).set("apms", s.apms()).build();
    }

    /** The APM state in a loaded node. */
    public static ApmState apm(StateNode n) {
        return new ApmState((int) n.getLong("apmc") & 0xff, (int) n.getLong("apms") & 0xff);
    }

    /**
     * A PCI hotplug status struct ({@code name}: "acpi_pcihp_pci_status" or "pci_status" v1). For
     * the post-race-fix variant {@code up} is computed at save time from the unsent
     * {@code present} and {@code hotplug_enable}, as that release's pre_save did.
     */
    public static VmStateDescription pciStatus(String name, PciHotplugVariant variant) {
        VmStateDescription.Builder b = VmStateDescription.builder(name).version(1).minimumVersion(1).uint32("up");
        if (variant == PciHotplugVariant.POST_RACE_FIX) {
            b.computed(v -> StateValue.of(v.getLong("present") & v.getLong("hotplug_enable")));
        }
        return b.uint32("down").build();
    }

    /**
     * Reads migrated PCI hotplug status structs (each with {@code up} and {@code down}) into
     * {@code ups} and {@code downs}, as many as both hold.
     */
    public static void readStatus(List<StateValue> status, long[] ups, long[] downs) {
        for (int i = 0; i < status.size() && i < ups.length; i++) {
            StateNode st = (StateNode) status.get(i);
            ups[i] = st.getLong("up");
            downs[i] = st.getLong("down");
        }
    }

    /**
     * Restores the PM1 event and control registers and the PM timer from fields named
     * {@code prefix + "pm1.evt.sts"} and so on ({@code ar.} in piix4_pm, {@code acpi_regs.} in
     * ICH9LPC's pm).
     */
    static void restorePm1AndTimer(AcpiRegs regs, StateNode n, String prefix) {
        regs.pm1Sts = (int) n.getLong(prefix + "pm1.evt.sts") & 0xffff;
        regs.pm1En = (int) n.getLong(prefix + "pm1.evt.en") & 0xffff;
        regs.pm1Cnt = (int) n.getLong(prefix + "pm1.cnt.cnt") & 0xffff;
        regs.overflowTime = n.getLong(prefix + "tmr.overflow_time");
        regs.restoreTimer(n.getLong(prefix + "tmr.timer"));
    }

    /** The 256 status nodes of {@code s}. */
    public static List<StateValue> statusNodes(VmStateDescription schema, PciHotplugState s, long[] hotplugEnable) {
        List<StateValue> out = new ArrayList<>();
        for (int i = 0; i < AcpiPciHotplug.MAX_BUS; i++) {
            out.add(statusNode(schema, s, hotplugEnable, i));
        }
        return out;
    }

    /** The status node of bsel {@code i}. */
    public static StateNode statusNode(VmStateDescription schema, PciHotplugState s, long[] hotplugEnable, int i) {
        return StateNode.builder(schema).set("up", s.up(i)).set("down", s.down(i))
                .property("present", i == 0 ? s.present() : 0).property("hotplug_enable", hotplugEnable[i]).build();
    }
}
