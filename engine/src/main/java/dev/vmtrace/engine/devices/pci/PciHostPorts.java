package dev.vmtrace.engine.devices.pci;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;
import dev.vmtrace.engine.memory.Region;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The PCI configuration mechanism #1 ports ({@code pci-conf-idx} at 0xcf8, {@code pci-conf-data}
 * at 0xcfc) as QEMU's pci_host.c behaves: the index register is stored only by a 4-byte write at
 * offset 0 and reads back whole; data accesses with the enable bit clear read all ones and are
 * dropped; with it set they go to the function at bus/device/function of the index, offset
 * {@code (index & 0xfc) | (port & 3)}.
 *
 * <p>Only functions that device packages register are modeled (the PM functions: 00:01.3 on
 * i440fx, 00:1f.0 on q35; the q35 host bridge 00:00.0); every other function reads as absent (all ones), which differs from
 * QEMU for the devices vmtrace does not model.
 */
public final class PciHostPorts implements Device {
    private final Map<Integer, PciConfig> functions = new HashMap<>();
    private long configReg;
    private final Region index;
    private final Region data;

    /** Fresh ports with no function registered. */
    public PciHostPorts() {
        this.index = Region.io("pci-conf-idx", 4, AccessRules.DEFAULT, Endianness.LITTLE, new IoHandler() {
            @Override
            public long read(long offset, int size) {
                return configReg;
            }

            @Override
            public void write(long offset, long value, int size) {
                if (offset == 0 && size == 4) {
                    configReg = value & 0xffffffffL;
                }
            }
        });
        this.data = Region.io("pci-conf-data", 4, AccessRules.DEFAULT, Endianness.LITTLE, new IoHandler() {
            @Override
            public long read(long offset, int size) {
                if ((configReg & 0x80000000L) == 0) {
                    return 0xffffffffL;
                }
                PciConfig f = functions.get(bdf(configReg));
                if (f == null) {
                    return 0xffffffffL;
                }
                return f.read((int) ((configReg | (offset & 3)) & 0xff), size);
            }

            @Override
            public void write(long offset, long value, int size) {
                if ((configReg & 0x80000000L) == 0) {
                    return;
                }
                PciConfig f = functions.get(bdf(configReg));
                if (f != null) {
                    f.write((int) ((configReg | (offset & 3)) & 0xff), value, size);
                }
            }
        });
    }

    private static int bdf(long reg) {
        return (int) ((reg >> 8) & 0xffff);
    }

    /**
     * The config space of {@code bus}, {@code devfn} ({@code device << 3 | function}), or null when
     * no modeled function is there (only bus 0 has functions). The MMCONFIG window routes through
     * this lookup, so both access paths reach the same config spaces.
     */
    public PciConfig function(int bus, int devfn) {
        return bus == 0 ? functions.get(devfn) : null;
    }

    /** Registers the config space of bus 0, {@code device}.{@code function}. */
    public void register(int device, int function, PciConfig config) {
        functions.put((device << 3) | function, Objects.requireNonNull(config, "config"));
    }

    /** The index port region. */
    public Region indexRegion() {
        return index;
    }

    /** The data port region. */
    public Region dataRegion() {
        return data;
    }

    @Override
    public String name() {
        return "pci-host";
    }

    @Override
    public void reset() {
        // QEMU does not reset the index register; function configs reset with their devices.
    }
}
