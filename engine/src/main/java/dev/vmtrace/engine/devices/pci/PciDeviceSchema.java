package dev.vmtrace.engine.devices.pci;

import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.Bytes;
import dev.vmtrace.engine.state.Condition;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.VmStateField;
import dev.vmtrace.engine.state.WireType;

/**
 * QEMU's "PCIDevice" v2 description (hw/pci/pci.c) as the PM functions embed it: {@code version_id}
 * (int32, destination must be at least as new), the config space as {@code "pci config"} (256
 * bytes for conventional functions, 4096 for express ones: two alternatives of one name, so the
 * vmdesc calls the sent one {@code config[0]}), and the four INTx levels ({@code "pci irq state"}).
 */
public final class PciDeviceSchema {
    private PciDeviceSchema() {
    }

    /** The unsent property telling the two config alternatives apart. */
    public static final String IS_EXPRESS = "is_express";

    /** "PCIDevice" v2, minimum 1. */
    public static final VmStateDescription PCI_DEVICE = VmStateDescription.builder("PCIDevice").version(2)
            .minimumVersion(1)
            .int32Le("version_id")
            .field(new VmStateField("config", WireType.OPAQUE, "pci config", 256, ArrayLength.SCALAR, 0,
                    Condition.isTrue(IS_EXPRESS).negate(), null, null))
            .field(new VmStateField("config", WireType.OPAQUE, "pci config", 4096, ArrayLength.SCALAR, 0,
                    Condition.isTrue(IS_EXPRESS), null, null))
            .field(new VmStateField("irq_state", WireType.OPAQUE, "pci irq state", 16, ArrayLength.SCALAR, 2,
                    null, null, null))
            .build();

    /** The values of a conventional function with {@code config} and INTA level {@code intA}. */
    public static StateNode node(byte[] config, boolean intA) {
        byte[] irq = new byte[16];
        irq[3] = (byte) (intA ? 1 : 0); // four big-endian int32 levels, INTA first
        return StateNode.builder(PCI_DEVICE).set("version_id", 2).set("config", Bytes.of(config))
                .set("irq_state", Bytes.of(irq)).property(IS_EXPRESS, false).build();
    }

    /** The 256 config bytes of a loaded node. */
    public static byte[] config(StateNode node) {
        return node.getBytes("config").toArray();
    }
}
