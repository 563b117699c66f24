package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.Bytes;
import dev.vmtrace.engine.state.Condition;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.VmStateField;
import dev.vmtrace.engine.state.WireType;
import java.util.Collections;
import java.util.List;

/** Schemas written the way QEMU 7.2 declares them, and a small machine saved with them. */
final class TestMachines {
    private TestMachines() {
    }

    static final VmStateDescription TIMER = VmStateDescription.builder("timer").version(2).minimumVersion(1)
            .int64("cpu_ticks_offset").unused(8).int64("cpu_clock_offset").since(2).build();

    static final VmStateDescription FW_CFG_DMA = VmStateDescription.builder("fw_cfg/dma").uint64("dma_addr").build();
    static final VmStateDescription FW_CFG_ACPI_MR = VmStateDescription.builder("fw_cfg/acpi_mr").version(1)
            .minimumVersion(1).uint64("table_mr_size").uint64("linker_mr_size").uint64("rsdp_mr_size").build();
    static final VmStateDescription FW_CFG = VmStateDescription.builder("fw_cfg").version(2).minimumVersion(1)
            .uint16("cur_entry")
            .field(VmStateField.of("cur_offset", WireType.UINT16).when((v, ver) -> ver < 2))
            .uint32("cur_offset").since(2)
            .subsection(FW_CFG_DMA, Condition.isTrue("dma_enabled"))
            .subsection(FW_CFG_ACPI_MR, Condition.isTrue("acpi_mr_restore"))
            .build();

    static final VmStateDescription CPUHP_DEV = VmStateDescription.builder("CPU hotplug device state").version(1)
            .minimumVersion(1).bool("is_inserting").bool("is_removing").uint32("ost_event").uint32("ost_status").build();
    static final VmStateDescription CPUHP = VmStateDescription.builder("CPU hotplug state").version(1).minimumVersion(1)
            .uint32("selector").uint8("command").structArray("devs", CPUHP_DEV, ArrayLength.from("dev_count")).build();
    static final VmStateDescription PM = VmStateDescription.builder("test_pm").version(3).minimumVersion(3)
            .int32Equal("irq_count").buffer("config", 16).uint16("sts").timer("tmr")
            .array("gpe", WireType.UINT8, ArrayLength.fixed(4))
            .subsection(VmStateDescription.builder("test_pm/cpuhp").version(1).minimumVersion(1)
                    .struct("cpuhp", CPUHP).build(), Condition.isTrue("modern"))
            .build();

    static StateNode timer() {
        return StateNode.builder(TIMER).set("cpu_ticks_offset", 0x1122334455L).set("cpu_clock_offset", -1).build();
    }

    static StateNode fwCfg() {
        return StateNode.builder(FW_CFG).set("cur_entry", 0x19).set("cur_offset", 4)
                .property("dma_enabled", true).property("acpi_mr_restore", true)
                .subsection(StateNode.builder(FW_CFG_DMA).set("dma_addr", 0).build())
                .subsection(StateNode.builder(FW_CFG_ACPI_MR).set("table_mr_size", 0x20000).set("linker_mr_size", 0x1000)
                        .set("rsdp_mr_size", 0x14).build())
                .build();
    }

    static StateNode pm(boolean modern) {
        StateNode dev = StateNode.builder(CPUHP_DEV).set("is_inserting", false).set("is_removing", false)
                .set("ost_event", 0).set("ost_status", 0).build();
        StateNode cpuhp = StateNode.builder(CPUHP).set("selector", 1).set("command", 0)
                .setArray("devs", Collections.nCopies(2, dev)).property("dev_count", 2).build();
        return StateNode.builder(PM).set("irq_count", 4).set("config", Bytes.fromHex("8680137101000000000000000000003f"))
                .set("sts", 0x0100).set("tmr", -1)
                .setArray("gpe", List.of(StateValue.of(1), StateValue.of(0), StateValue.of(2), StateValue.of(0)))
                .property("modern", modern).property("dev_count", 2)
                .subsection(StateNode.builder("test_pm/cpuhp", 1).set("cpuhp", cpuhp).build())
                .build();
    }

    static final List<RamBlock> RAM = List.of(new RamBlock("pc.ram", 0x200000), new RamBlock("/rom@etc/acpi/tables", 0x20000),
            new RamBlock("pc.bios", 0x40000));

    static List<DeviceState> devices() {
        return List.of(new DeviceState("timer", 0, TIMER, timer()), new DeviceState("fw_cfg", 0, FW_CFG, fwCfg()),
                new DeviceState("0000:00:01.3/test_pm", 0, PM, pm(true)));
    }

    static MachineState machine() {
        return MachineState.current("pc-i440fx-7.2", RAM, devices());
    }

    /** As machine types up to pc-i440fx-2.2 save: no configuration, no footers, no vmdesc; zero pages sent. */
    static MachineState legacyMachine() {
        return new MachineState(null, RAM, devices(), true, false, false);
    }
}
