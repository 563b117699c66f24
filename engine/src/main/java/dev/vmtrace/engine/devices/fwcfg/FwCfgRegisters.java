package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.device.RegisterMap;
import dev.vmtrace.engine.device.SideEffect;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;

/**
 * The two x86 fw_cfg regions (hw/nvram/fw_cfg.c, devices.md 5.1): {@code fwcfg} (selector and
 * data combined, 2 bytes at 0x510) and {@code fwcfg.dma} (8 bytes at 0x514, big-endian).
 */
public final class FwCfgRegisters {
    private FwCfgRegisters() {
    }

    /** Base port of {@code fwcfg}. */
    public static final long IO_BASE = 0x510;
    /** Base port of {@code fwcfg.dma}. */
    public static final long DMA_BASE = 0x514;

    /** Selector/data: byte reads or writes, and word writes (the select); nothing else. */
    public static final RegisterMap IO = RegisterMap.builder("fwcfg", 2)
            .endianness(Endianness.LITTLE)
            .rules(AccessRules.DEFAULT.withAccepts((off, size, write) -> size == 1 || (write && size == 2 && off == 0)))
            .register("SELECTOR", 0, 1, 0, SideEffect.TRIGGER,
                    "16-bit write at offset 0 selects an item (runs its select callback); a byte read returns data too")
            .register("DATA", 1, 1, 0, SideEffect.VOLATILE,
                    "byte read returns the next data byte (0 past the end); byte writes are ignored")
            .build();

    /** DMA address: reads give "QEMU CFG"; 32-bit writes at 0 (high) and 4 (low, starts) or one 64-bit write. */
    public static final RegisterMap DMA = RegisterMap.builder("fwcfg.dma", 8)
            .endianness(Endianness.BIG)
            .rules(new AccessRules(0, 8, false,
                    (off, size, write) -> !write || (size == 4 && (off == 0 || off == 4)) || (size == 8 && off == 0),
                    0, 8, false))
            .register("DMA_ADDR_HI", 0, 4, 0, SideEffect.NONE, "high half of the descriptor address")
            .register("DMA_ADDR_LO", 4, 4, 0, SideEffect.TRIGGER, "low half; the write runs the transfer")
            .build();
}
