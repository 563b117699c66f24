package dev.vmtrace.engine.devices.fwcfg;

/**
 * The saved state of fw_cfg (vmstate "fw_cfg" v2: {@code cur_entry} u16, {@code cur_offset} u32;
 * subsection {@code fw_cfg/dma} with {@code dma_addr} when DMA is enabled).
 *
 * @param curEntry the selected key as written (bit 14 kept), 0xffff for none
 * @param curOffset the data offset
 * @param dmaEnabled whether the DMA subsection is sent
 * @param dmaAddress the DMA address register
 */
public record FwCfgState(int curEntry, long curOffset, boolean dmaEnabled, long dmaAddress) {
    /** Validates the field widths. */
    public FwCfgState {
        if ((curEntry & ~0xffff) != 0 || curOffset < 0 || curOffset > 0xffffffffL) {
            throw new IllegalArgumentException("fw_cfg state out of range: entry=" + curEntry + " offset=" + curOffset);
        }
    }
}
