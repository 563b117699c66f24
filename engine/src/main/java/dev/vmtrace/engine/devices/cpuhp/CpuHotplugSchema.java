package dev.vmtrace.engine.devices.cpuhp;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire schema of the CPU hotplug state (hw/acpi/cpu.c, devices.md 2.2) and its mapping to
 * {@link CpuHotplugState}. The device array's length is the possible-CPU count, which is not sent:
 * it is the unsent property {@value #DEV_COUNT}.
 */
public final class CpuHotplugSchema {
    private CpuHotplugSchema() {
    }

    /** Name of the unsent property holding the device array length. */
    public static final String DEV_COUNT = "dev_count";

    /** "CPU hotplug device state" v1. */
    public static final VmStateDescription DEVICE = VmStateDescription.builder("CPU hotplug device state")
            .version(1).minimumVersion(1)
            .bool("is_inserting")
            .bool("is_removing")
            .uint32("ost_event")
            .uint32("ost_status")
            .build();

    /** "CPU hotplug state" v1. */
    public static final VmStateDescription STATE = VmStateDescription.builder("CPU hotplug state")
            .version(1).minimumVersion(1)
            .uint32("selector")
            .uint8("command")
            .structArray("devs", DEVICE, ArrayLength.from(DEV_COUNT))
            .build();

    /** The PM subsection carrying the state: {@code piix4_pm/cpuhp} or {@code ich9_pm/cpuhp}, v1. */
    public static VmStateDescription subsection(String pmName) {
        return VmStateDescription.builder(pmName + "/cpuhp").version(1).minimumVersion(1)
                .struct("cpuhp_state", STATE).since(1)
                .build();
    }

    /** The subsection values for {@code s}. */
    public static StateNode toNode(VmStateDescription subsection, CpuHotplugState s) {
        List<StateValue> devs = new ArrayList<>();
        for (CpuHotplugState.Device d : s.devices()) {
            devs.add(StateNode.builder(DEVICE).set("is_inserting", d.inserting()).set("is_removing", d.removing())
                    .set("ost_event", d.ostEvent()).set("ost_status", d.ostStatus()).build());
        }
        StateNode inner = StateNode.builder(STATE).set("selector", s.selector()).set("command", s.command())
                .setArray("devs", devs).property(DEV_COUNT, s.devices().size()).build();
        return StateNode.builder(subsection).set("cpuhp_state", inner).build();
    }

    /**
     * Fails unless migrated CPU hotplug state {@code st} (null: none sent) has one entry per
     * possible CPU of {@code cpuhp} (null: no controller on this machine).
     */
    public static void requireFits(CpuHotplugState st, CpuHotplug cpuhp) {
        if (st != null && cpuhp != null && st.devices().size() != cpuhp.possibleCpus()) {
            throw new IllegalArgumentException("CPU hotplug state for " + st.devices().size()
                    + " CPUs, this machine has " + cpuhp.possibleCpus());
        }
    }

    /** The modern-mode state a received subsection describes. */
    public static CpuHotplugState fromNode(StateNode sub) throws BadInputException {
        try {
            StateNode inner = sub.getNode("cpuhp_state");
            List<CpuHotplugState.Device> devs = new ArrayList<>();
            for (StateValue v : inner.getArray("devs")) {
                StateNode d = (StateNode) v;
                devs.add(new CpuHotplugState.Device(d.getBool("is_inserting"), d.getBool("is_removing"),
                        d.getLong("ost_event"), d.getLong("ost_status")));
            }
            return new CpuHotplugState(false, inner.getLong("selector"), (int) inner.getLong("command"), devs);
        } catch (IllegalStateException | IllegalArgumentException | ClassCastException e) {
            throw BadInputException.unreadable("CPU hotplug state", e.getMessage(), e);
        }
    }
}
