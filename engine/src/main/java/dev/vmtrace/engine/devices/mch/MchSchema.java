package dev.vmtrace.engine.devices.mch;

import dev.vmtrace.engine.devices.pci.PciDeviceSchema;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;

/**
 * QEMU's {@code mch} migration section (hw/pci-host/q35.c, version 1): the PCI function as
 * {@code parent_obj} and one unused byte (once an SMM flag). Everything else the bridge has (the
 * MMCONFIG mapping, the masks a lock closed) is derived from the config bytes after loading.
 */
public final class MchSchema {
    private MchSchema() {
    }

    /** The section id of the bridge at 00:00.0. */
    public static final String SECTION = "0000:00:00.0/mch";

    /** "mch" v1, minimum 1. */
    public static final VmStateDescription MCH = VmStateDescription.builder("mch").version(1).minimumVersion(1)
            .struct("parent_obj", PciDeviceSchema.PCI_DEVICE)
            .unused(1)
            .build();

    /** The values of a bridge whose config space is {@code config}. */
    static StateNode node(byte[] config) {
        return StateNode.builder(MCH).set("parent_obj", PciDeviceSchema.node(config, false)).build();
    }

    /** The 256 config bytes of a loaded node. */
    static byte[] config(StateNode node) {
        return PciDeviceSchema.config(node.getNode("parent_obj"));
    }
}
