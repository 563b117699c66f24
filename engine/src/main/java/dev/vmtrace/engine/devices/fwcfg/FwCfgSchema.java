package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.Condition;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.VmStateField;
import dev.vmtrace.engine.state.WireType;

/**
 * The wire schema of fw_cfg (hw/nvram/fw_cfg.c, devices.md 5.1) as QEMU 7.2 sends it: "fw_cfg"
 * v2 (minimum 1; {@code cur_offset} is a u16 at version 1 and a u32 from 2), subsection
 * {@code fw_cfg/dma} (v0) when DMA is enabled, and {@code fw_cfg/acpi_mr} (v1) when
 * {@code acpi-mr-restore} is on and one of the three ACPI region sizes is not page aligned. The
 * vmdesc it produces is byte-identical to the fw_cfg entry of samples/real/mig/pc-q35-7.2.bin.
 */
public final class FwCfgSchema {
    private FwCfgSchema() {
    }

    /** Unsent property: DMA enabled. */
    public static final String DMA_ENABLED = "dma_enabled";
    /** Unsent property: the acpi_mr subsection is needed. */
    public static final String ACPI_MR_NEEDED = "acpi_mr_needed";
    /** Host page size QEMU aligns RAM blocks to. */
    public static final long HOST_PAGE = 0x1000;

    /** {@code fw_cfg/dma} v0. */
    public static final VmStateDescription DMA = VmStateDescription.builder("fw_cfg/dma").uint64("dma_addr").build();
    /** {@code fw_cfg/acpi_mr} v1. */
    public static final VmStateDescription ACPI_MR = VmStateDescription.builder("fw_cfg/acpi_mr").version(1)
            .minimumVersion(1).uint64("table_mr_size").uint64("linker_mr_size").uint64("rsdp_mr_size").build();
    /** "fw_cfg" v2. */
    public static final VmStateDescription FW_CFG = VmStateDescription.builder("fw_cfg").version(2).minimumVersion(1)
            .uint16("cur_entry")
            .field(new VmStateField("cur_offset", WireType.UINT16, "uint16", 2, ArrayLength.SCALAR, 0, null, null, null)
                    .when((v, ver) -> ver < 2))
            .uint32("cur_offset").since(2)
            .subsection(DMA, Condition.isTrue(DMA_ENABLED))
            .subsection(ACPI_MR, Condition.isTrue(ACPI_MR_NEEDED))
            .build();

    /**
     * The values QEMU sends for {@code s}.
     *
     * @param acpiMrRestore the machine type's {@code acpi-mr-restore}
     * @param mrSizes the ACPI region sizes (tables, loader, rsdp), or null without ACPI blobs
     */
    public static StateNode toNode(FwCfgState s, boolean acpiMrRestore, long[] mrSizes) {
        boolean unaligned = false;
        if (mrSizes != null) {
            for (long size : mrSizes) {
                unaligned |= size % HOST_PAGE != 0;
            }
        }
        StateNode.Builder b = StateNode.builder(FW_CFG).set("cur_entry", s.curEntry()).set("cur_offset", s.curOffset())
                .property(DMA_ENABLED, s.dmaEnabled())
                .property(ACPI_MR_NEEDED, acpiMrRestore && mrSizes != null && unaligned);
        b.subsection(StateNode.builder(DMA).set("dma_addr", s.dmaAddress()).build());
        long[] sizes = mrSizes == null ? new long[3] : mrSizes;
        b.subsection(StateNode.builder(ACPI_MR).set("table_mr_size", sizes[0]).set("linker_mr_size", sizes[1])
                .set("rsdp_mr_size", sizes[2]).build());
        return b.build();
    }

    /** The device state a loaded node describes. */
    public static FwCfgState fromNode(StateNode n) throws BadInputException {
        try {
            StateNode dma = n.subsections().get(DMA.name());
            return new FwCfgState((int) n.getLong("cur_entry"), n.getLong("cur_offset"), dma != null,
                    dma == null ? 0 : dma.getLong("dma_addr"));
        } catch (IllegalStateException | IllegalArgumentException | ClassCastException e) {
            throw BadInputException.unreadable("fw_cfg state", e.getMessage(), e);
        }
    }

    /** The ACPI region sizes of a loaded node (tables, loader, rsdp), or null when not sent. */
    public static long[] acpiMrSizes(StateNode n) {
        StateNode mr = n.subsections().get(ACPI_MR.name());
        return mr == null ? null : new long[] {mr.getLong("table_mr_size"), mr.getLong("linker_mr_size"),
            mr.getLong("rsdp_mr_size")};
    }
}
