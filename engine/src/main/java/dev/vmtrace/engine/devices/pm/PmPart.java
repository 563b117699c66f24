package dev.vmtrace.engine.devices.pm;

import dev.vmtrace.engine.devices.apm.ApmDevice;
import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.pci.PciHostPorts;
import dev.vmtrace.engine.machine.MachineBuilder;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.MachinePart;
import dev.vmtrace.engine.memory.Region;
import dev.vmtrace.engine.memory.RegionSlot;
import dev.vmtrace.engine.pc.PcCompat;
import dev.vmtrace.engine.pc.PcRegionMap;

/**
 * Maps the PM device of each PC family: ICH9 (q35) or PIIX4 (i440fx) PM windows in place of the
 * base map's placeholders, the PCI config ports with the PM function registered, the APM chipset
 * callback, and the CPU hotplug controller's GPE line. The SMI feature host mask comes from the
 * {@code ICH9-LPC.x-smi-*} compat properties ({@link PcCompat}).
 */
public final class PmPart implements MachinePart {
    @Override
    public String id() {
        return "pm";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void build(MachineBuilder b) {
        MachineFamily f = b.type().family();
        if (f == MachineFamily.VIRT) {
            return;
        }
        boolean smm = !"off".equals(b.config().machineOption("smm", "auto"));
        PciHostPorts pci = b.addDevice(new PciHostPorts());
        replace(b, "pci-conf-idx", pci.indexRegion());
        replace(b, "pci-conf-data", pci.dataRegion());
        ApmDevice apm = b.device(ApmDevice.class);
        CpuHotplug cpuhp = b.device(CpuHotplug.class);
        AcpiRegs regs;
        if (f == MachineFamily.Q35) {
            long mask = SmiFeatures.mask(b.property(PcCompat.ICH9_SMI_BROADCAST),
                    b.property(PcCompat.ICH9_SMI_CPU_HOTPLUG), b.property(PcCompat.ICH9_SMI_CPU_HOTUNPLUG));
            Ich9Pm pm = b.addDevice(new Ich9Pm(b.context(), b.release(), smm, mask));
            replaceAcpiWindows(b, pm.acpi());
            replace(b, "acpi-smi", pm.smiRegion);
            pm.attach(PcRegionMap.pmSlot(b));
            pm.connect(apm, cpuhp);
            if (cpuhp != null) {
                // "cpu hotplug with SMI wasn't enabled by firmware": broadcast without the hotplug bits.
                SmiFeatures smi = pm.smiFeatures();
                cpuhp.setGates(() -> !smi.broadcast() || (smi.negotiated() & SmiFeatures.CPU_HOTPLUG) != 0,
                        () -> !smi.broadcast() || (smi.negotiated() & SmiFeatures.CPU_HOTUNPLUG) != 0);
            }
            pci.register(0x1f, 0, pm.config());
            FwCfgDevice fwCfg = b.device(FwCfgDevice.class);
            if (fwCfg != null) {
                SmiFeaturesFiles.publish(pm.smiFeatures(), fwCfg);
            }
            if (apm != null) {
                apm.setCallback(pm::apmControl);
            }
            regs = pm.acpi();
        } else {
            Piix4Pm pm = b.addDevice(new Piix4Pm(b.context(), b.release(), smm));
            replaceAcpiWindows(b, pm.acpi());
            pm.attach(PcRegionMap.pmSlot(b));
            pm.connect(apm, cpuhp);
            pm.setSmbusMigration(!b.property(PcCompat.SMBUS_NO_MIGRATION));
            pci.register(1, 3, pm.config());
            if (apm != null) {
                apm.setCallback(pm::apmControl);
            }
            regs = pm.acpi();
        }
        if (cpuhp != null) {
            cpuhp.setGpe(regs::raiseGpe);
        }
    }

    private static void replaceAcpiWindows(MachineBuilder b, AcpiRegs regs) {
        replace(b, "acpi-evt", regs.evtRegion);
        replace(b, "acpi-cnt", regs.cntRegion);
        replace(b, "acpi-tmr", regs.tmrRegion);
        replace(b, "acpi-gpe0", regs.gpeRegion);
    }

    private static void replace(MachineBuilder b, String name, Region model) {
        RegionSlot s = b.ioSlot(name);
        if (s == null) {
            throw new IllegalStateException("the base map has no '" + name + "' placeholder");
        }
        s.replace(model);
    }
}
