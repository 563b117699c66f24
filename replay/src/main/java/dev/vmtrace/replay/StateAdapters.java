package dev.vmtrace.replay;

import dev.vmtrace.engine.devices.apm.ApmDevice;
import dev.vmtrace.engine.devices.apm.ApmState;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplugSchema;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplugState;
import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgState;
import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.devices.pcihp.PciHotplugState;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * State of engine devices that do not (yet) implement {@link Migratable}, saved in sections named
 * {@code vmtrace:<device>} with the field names QEMU uses for them, so snapshots compare their
 * state and a migration mid-replay carries it. These sections are vmtrace's own, not QEMU's
 * layout (QEMU carries APM and CPU hotplug inside the PM device's section); a device that becomes
 * {@link Migratable} is saved in its own QEMU section instead.
 */
final class StateAdapters {
    private StateAdapters() {
    }

    /** One adapted device. */
    interface Adapter {
        String sectionId();

        VmStateDescription schema();

        /** The current values. */
        StateNode save();

        /** Applies loaded values; IllegalArgumentException for values this device cannot take. */
        void restore(StateNode n);
    }

    static final VmStateDescription APM = VmStateDescription.builder("APM State").version(1).minimumVersion(1)
            .uint8("apmc").uint8("apms").build();

    static final VmStateDescription FW_CFG = VmStateDescription.builder("fw_cfg").version(2).minimumVersion(2)
            .uint16("cur_entry").uint32("cur_offset").bool("dma_enabled").uint64("dma_addr").build();

    static final VmStateDescription CPUHP = VmStateDescription.builder("vmtrace cpu hotplug").version(1)
            .minimumVersion(1).bool("legacy").struct("cpuhp_state", CpuHotplugSchema.STATE).build();

    static final VmStateDescription PCIHP = VmStateDescription.builder("vmtrace acpi pci hotplug").version(1)
            .minimumVersion(1).uint32("hotplug_select").uint32("acpi_index")
            .array("up", dev.vmtrace.engine.state.WireType.UINT32,
                    dev.vmtrace.engine.state.ArrayLength.fixed(AcpiPciHotplug.MAX_BUS))
            .array("down", dev.vmtrace.engine.state.WireType.UINT32,
                    dev.vmtrace.engine.state.ArrayLength.fixed(AcpiPciHotplug.MAX_BUS))
            .build();

    /** The adapters for the devices of {@code m} that are not migratable themselves. */
    static List<Adapter> of(Machine m) {
        List<Adapter> out = new ArrayList<>();
        // QEMU carries APM, CPU hotplug and PCI hotplug inside the PM device's section: when the
        // engine's PM device is migratable, it saves them in QEMU's layout and no adapter is needed.
        boolean pmMigratable = m.device(dev.vmtrace.engine.devices.pm.Ich9Pm.class) instanceof Migratable
                || m.device(dev.vmtrace.engine.devices.pm.Piix4Pm.class) instanceof Migratable;
        ApmDevice apm = pmMigratable ? null : m.device(ApmDevice.class);
        if (apm != null && !(((Object) apm) instanceof Migratable)) {
            out.add(adapter("vmtrace:apm", APM, () -> {
                ApmState s = apm.state();
                return StateNode.builder(APM).set("apmc", s.apmc()).set("apms", s.apms()).build();
            }, n -> apm.restore(new ApmState((int) n.getLong("apmc"), (int) n.getLong("apms")))));
        }
        FwCfgDevice fw = m.device(FwCfgDevice.class);
        if (fw != null && !(((Object) fw) instanceof Migratable)) {
            out.add(adapter("vmtrace:fw_cfg", FW_CFG, () -> {
                FwCfgState s = fw.state();
                return StateNode.builder(FW_CFG).set("cur_entry", s.curEntry()).set("cur_offset", s.curOffset())
                        .set("dma_enabled", s.dmaEnabled()).set("dma_addr", s.dmaAddress()).build();
            }, n -> fw.restore(new FwCfgState((int) n.getLong("cur_entry"), n.getLong("cur_offset"),
                    n.getBool("dma_enabled"), n.getLong("dma_addr")))));
        }
        CpuHotplug hp = pmMigratable ? null : m.device(CpuHotplug.class);
        if (hp != null && !(((Object) hp) instanceof Migratable)) {
            out.add(adapter("vmtrace:cpu-hotplug", CPUHP, () -> cpuhpNode(hp.state()), n -> hp.restore(cpuhp(n))));
        }
        AcpiPciHotplug pci = pmMigratable ? null : m.device(AcpiPciHotplug.class);
        if (pci != null && !(((Object) pci) instanceof Migratable)) {
            out.add(adapter("vmtrace:acpi-pci-hotplug", PCIHP, () -> pcihpNode(pci.state()), n -> pci.restore(
                    pcihp(n, pci.state().present()))));
        }
        return out;
    }

    private static StateNode pcihpNode(PciHotplugState s) {
        List<StateValue> ups = new ArrayList<>();
        List<StateValue> downs = new ArrayList<>();
        for (int i = 0; i < AcpiPciHotplug.MAX_BUS; i++) {
            ups.add(StateValue.of(s.up(i)));
            downs.add(StateValue.of(s.down(i)));
        }
        return StateNode.builder(PCIHP).set("hotplug_select", s.select()).set("acpi_index", s.acpiIndex())
                .setArray("up", ups).setArray("down", downs).build();
    }

    /** The loaded values, with the destination's own present-slot map (QEMU does not migrate it). */
    private static PciHotplugState pcihp(StateNode n, long present) {
        long[] ups = new long[AcpiPciHotplug.MAX_BUS];
        long[] downs = new long[AcpiPciHotplug.MAX_BUS];
        List<StateValue> u = n.getArray("up");
        List<StateValue> d = n.getArray("down");
        for (int i = 0; i < AcpiPciHotplug.MAX_BUS; i++) {
            ups[i] = ((StateValue.Int) u.get(i)).value();
            downs[i] = ((StateValue.Int) d.get(i)).value();
        }
        return new PciHotplugState(n.getLong("hotplug_select"), ups, downs, n.getLong("acpi_index"), present);
    }

    private static StateNode cpuhpNode(CpuHotplugState s) {
        List<StateValue> devs = new ArrayList<>();
        for (CpuHotplugState.Device d : s.devices()) {
            devs.add(StateNode.builder(CpuHotplugSchema.DEVICE).set("is_inserting", d.inserting())
                    .set("is_removing", d.removing()).set("ost_event", d.ostEvent()).set("ost_status", d.ostStatus())
                    .build());
        }
        StateNode inner = StateNode.builder(CpuHotplugSchema.STATE).set("selector", s.selector())
                .set("command", s.command()).setArray("devs", devs)
                .property(CpuHotplugSchema.DEV_COUNT, s.devices().size()).build();
        return StateNode.builder(CPUHP).set("legacy", s.legacy()).set("cpuhp_state", inner).build();
    }

    private static CpuHotplugState cpuhp(StateNode n) {
        StateNode inner = n.getNode("cpuhp_state");
        List<CpuHotplugState.Device> devs = new ArrayList<>();
        for (StateValue v : inner.getArray("devs")) {
            StateNode d = (StateNode) v;
            devs.add(new CpuHotplugState.Device(d.getBool("is_inserting"), d.getBool("is_removing"),
                    d.getLong("ost_event"), d.getLong("ost_status")));
        }
        return new CpuHotplugState(n.getBool("legacy"), inner.getLong("selector"), (int) inner.getLong("command"),
                devs);
    }

    private static Adapter adapter(String id, VmStateDescription schema, java.util.function.Supplier<StateNode> save,
                                   java.util.function.Consumer<StateNode> restore) {
        return new Adapter() {
            @Override
            public String sectionId() {
                return id;
            }

            @Override
            public VmStateDescription schema() {
                return schema;
            }

            @Override
            public StateNode save() {
                return save.get();
            }

            @Override
            public void restore(StateNode n) {
                restore.accept(n);
            }
        };
    }
}
