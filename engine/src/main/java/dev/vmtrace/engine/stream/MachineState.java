package dev.vmtrace.engine.stream;

import java.util.List;

/**
 * A whole machine to save as a QEMU migration stream.
 *
 * @param machineType the machine type for the CONFIGURATION section, or null to send none (as
 *        machine types up to pc-i440fx-2.2 do)
 * @param ramBlocks the RAM block list of the RAM section
 * @param devices device sections in the order they are sent
 * @param zeroPages when true every RAM page is sent as a zero page (as QEMU does for a fresh VM);
 *        when false no pages are sent and the destination keeps its RAM as it is
 * @param footers whether sections end with QEMU's footer (machine types 2.4 and later)
 * @param vmdesc whether the vmdesc trailer follows EOF (suppressed up to pc-i440fx-2.2)
 */
public record MachineState(String machineType, List<RamBlock> ramBlocks, List<DeviceState> devices, boolean zeroPages,
        boolean footers, boolean vmdesc) {
    public MachineState {
        ramBlocks = List.copyOf(ramBlocks);
        devices = List.copyOf(devices);
    }

    /** A machine as QEMU 7.2 saves it: configuration, footers, vmdesc, no pages. */
    public static MachineState current(String machineType, List<RamBlock> ramBlocks, List<DeviceState> devices) {
        return new MachineState(machineType, ramBlocks, devices, false, true, true);
    }
}
